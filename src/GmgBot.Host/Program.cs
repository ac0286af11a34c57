using GmgBot.Host.Calendar;
using GmgBot.Core.Bot;
using GmgBot.Host;
using GmgBot.Host.Features;
using GmgBot.Host.Cli;
using GmgBot.Host.Delivery;
using GmgBot.Host.Knowledge;
using GmgBot.Host.Meaning;
using GmgBot.Host.Search;
using GmgBot.Host.Security;
using GmgBot.Host.Storage;
using GmgBot.Host.Tab;
using GmgBot.Protocol;

var (verbArgs, hostArgs) = CommandLine.IsVerb(args) ? CommandLine.Split(args) : ([], args);
var builder = WebApplication.CreateBuilder(hostArgs);

// The Bot Framework convention, http://127.0.0.1:3978, unless --urls, ASPNETCORE_URLS, ASPNETCORE_HTTP(S)_PORTS or
// Kestrel:Endpoints say otherwise. (Not launchSettings' applicationUrl, which would shadow ASPNETCORE_URLS under dotnet run.)
builder.WebHost.ConfigureKestrel((context, kestrel) => ListenAddresses.ListenOnDefaultUnlessConfigured(context.Configuration, kestrel));

builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.AddRedactedRequestLogging();                           // request logs, with feed tokens redacted
builder.Services.AddDemoClock(builder.Configuration, builder.Environment); // DemoClock:StartsAt, local demos only

// What every feature stands on.
builder.Services.AddBotFramework(                                       // the Bot Framework protocol: auth, connector,
    onTurnError: TurnErrors.ReplyAsync, onTenantRefused: TurnErrors.RefuseTenantAsync);   // Teams and our tenants only
builder.Services.AddAccessModeChecks();                                 // no app id: loopback only, or a trusted network
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
builder.Services.AddAgendaTab();                                        // the Agenda tab (Teams SSO), the compose box's search

var app = builder.Build();

if (verbArgs.Length > 0)
{
    return await CommandLine.RunAsync(app.Services, verbArgs, Console.Out);
}

app.UseHttpLogging();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapBotEndpoints();
app.MapHealthEndpoints();
app.MapCalendarEndpoints();
app.MapAgendaTab();

await app.RunAsync();
return 0;

public partial class Program;
