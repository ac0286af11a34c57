using GmgBot.Host.Calendar;
using GmgBot.Core.Bot;
using GmgBot.Host;
using GmgBot.Host.Features;
using GmgBot.Host.Cli;
using GmgBot.Host.Delivery;
using GmgBot.Host.Knowledge;
using GmgBot.Host.Meaning;
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

// What every feature stands on.
builder.Services.AddBotFramework(onTurnError: TurnErrors.ReplyAsync);   // the Bot Framework protocol: auth, connector
builder.Services.AddGmgBotConversation();                               // turns: commands, card buttons, help
builder.Services.AddStorage();                                          // SQLite or PostgreSQL, each with its one migration list
builder.Services.AddBotHealthChecks();                                  // /healthz/live, /healthz/ready
builder.Services.AddKnowledgeSearch(builder.Configuration);             // Lucene or Azure AI Search
builder.Services.AddMeaning(builder.Configuration);                      // the embedding model and the documents' vectors
builder.Services.AddKnowledge();                                        // the knowledge, the agenda and session cards
builder.Services.AddDelivery();                                         // the outbox and the engine that sends it

// What the bot does.
builder.Services.AddAnswering();                                        // questions in the delegates' own words
builder.Services.AddReminders();                                        // "remind me about …", my reminders
builder.Services.AddBroadcasts();                                       // organizers' broadcasts, automatic reminders
builder.Services.AddCalendars();                                        // Outlook through Graph, iCalendar feeds

var app = builder.Build();

if (verbArgs.Length > 0)
{
    return await CommandLine.RunAsync(app.Services, verbArgs, Console.Out);
}

app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapBotEndpoints();
app.MapHealthEndpoints();
app.MapCalendarEndpoints();

await app.RunAsync();
return 0;

public partial class Program;
