using GmgBot.Core.Bot;
using GmgBot.Host;
using GmgBot.Host.Knowledge;
using GmgBot.Host.Search;
using GmgBot.Host.Storage;
using GmgBot.Protocol;

var builder = WebApplication.CreateBuilder(args);

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

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapBotEndpoints();

app.Run();

public partial class Program;
