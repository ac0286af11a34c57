using GmgBot.Core.Bot;
using GmgBot.Host;
using GmgBot.Host.Calendar;
using GmgBot.Host.Cli;
using GmgBot.Host.Delivery;
using GmgBot.Host.Knowledge;
using GmgBot.Host.Search;
using GmgBot.Host.Storage;
using GmgBot.Protocol;

var (verbArgs, hostArgs) = CommandLine.IsVerb(args) ? CommandLine.Split(args) : ([], args);
var builder = WebApplication.CreateBuilder(hostArgs);

// The Bot Framework convention, unless --urls, ASPNETCORE_URLS or ASPNETCORE_HTTP(S)_PORTS say otherwise.
// (Set here, not as launchSettings' applicationUrl, which would shadow ASPNETCORE_URLS under dotnet run.)
if (string.IsNullOrEmpty(builder.Configuration["urls"])
    && string.IsNullOrEmpty(builder.Configuration["http_ports"])
    && string.IsNullOrEmpty(builder.Configuration["https_ports"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:3978");
}

builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.AddHealthChecks().AddCheck<SqliteHealthCheck>("sqlite");

builder.Services.AddBotFramework(onTurnError: TurnErrors.ReplyAsync);
builder.Services.AddGmgBotConversation();
builder.Services.AddSqliteStorage();
builder.Services.AddKnowledgeSearch(builder.Configuration);
builder.Services.AddKnowledge();
builder.Services.AddCalendars();
builder.Services.AddDelivery();

var app = builder.Build();

if (verbArgs.Length > 0)
{
    return await CommandLine.RunAsync(app.Services, verbArgs, Console.Out);
}

app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapBotEndpoints();
app.MapCalendarEndpoints();

await app.RunAsync();
return 0;

public partial class Program;
