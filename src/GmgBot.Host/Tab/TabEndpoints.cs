using System.Reflection;
using GmgBot.Core.Agenda;
using GmgBot.Core.Conversation;
using GmgBot.Core.Reminders;
using GmgBot.Host.MessageExtension;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace GmgBot.Host.Tab;

/// <summary>
/// The personal "Agenda" tab: its page (embedded in the assembly, teams-js included) and its JSON: the agenda and search
/// for anyone, "My schedule" (the bot's own reminders) for a signed-in user.
/// </summary>
public static class TabEndpoints
{
    public const int MaxSearchResults = 20;

    private static readonly ManifestEmbeddedFileProvider Assets = new(Assembly.GetExecutingAssembly(), "Tab/assets");
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static IEndpointRouteBuilder MapAgendaTab(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(AgendaLinks.PagePath + "{**file}", (string? file, AgendaTabSettings settings, HttpContext http) =>
            !string.IsNullOrEmpty(file) ? Asset(file, settings, http)
            // The page's links are relative to /tab/, so /tab must become /tab/ (keeping ?session=… or ?day=…).
            : http.Request.Path.Value?.EndsWith('/') == true ? Asset("index.html", settings, http)
            : Results.Redirect(AgendaLinks.PagePath + http.Request.QueryString));

        var api = endpoints.MapGroup("/tab/api");
        api.MapGet("/agenda", Agenda);
        api.MapGet("/search", Search);
        api.MapGet("/me", MeAsync);
        api.MapPost("/reminders", SetReminderAsync);
        api.MapDelete("/reminders/{id:long}", CancelReminderAsync);
        return endpoints;
    }

    private static IResult Agenda(IKnowledgeSource knowledge, TimeProvider time, string? zone, HttpContext http)
    {
        NoStore(http);
        return Results.Json(AgendaViews.Agenda(knowledge.Current, time.GetUtcNow(), TimeZone(zone)));
    }

    private static IResult Search(IKnowledgeSource knowledge, string? q, HttpContext http)
    {
        var query = q?.Trim() ?? "";
        if (query.Length > AgendaSearchExtension.MaxQueryLength)
        {
            throw new RequestRejectedException(StatusCodes.Status400BadRequest, "Search too long",
                $"Type at most {AgendaSearchExtension.MaxQueryLength} characters: a session, a person or a room.");
        }
        NoStore(http);
        return Results.Json(query.Length == 0 ? new SearchView("", []) : AgendaViews.Search(knowledge.Current, query, MaxSearchResults));
    }

    private static async Task<IResult> MeAsync(TabUsers users, TabReminders reminders, string? zone, HttpContext http, CancellationToken cancellationToken)
    {
        NoStore(http);
        var user = await users.ResolveAsync(http);
        return Results.Json(user is null
            ? new MeView(false, null, false, false, "Open the Agenda tab in Teams to see your reminders.", reminders.DefaultLead, RemindersOptions.LeadChoices, [])
            : await reminders.MeAsync(user, TimeZone(zone), cancellationToken));
    }

    private static async Task<IResult> SetReminderAsync(
        TabUsers users, TabReminders reminders, IKnowledgeSource knowledge, string? zone, ReminderRequest? request, HttpContext http, CancellationToken cancellationToken)
    {
        var user = await SignedInAsync(users, http);
        var session = request?.SessionId is { Length: > 0 } id ? knowledge.Current.Timeline.Find(id) : null;
        if (session is null)
        {
            throw new RequestRejectedException(StatusCodes.Status400BadRequest, "Unknown session",
                $"Send {{\"sessionId\": …}} with the id of a session on the agenda; got '{request?.SessionId}'.");
        }
        var lead = request!.Lead ?? reminders.DefaultLead;
        if (lead is < 1 or > RemindersOptions.MaxLeadMinutes)
        {
            throw new RequestRejectedException(StatusCodes.Status400BadRequest, "Lead time out of range",
                $"A reminder can come between 1 and {RemindersOptions.MaxLeadMinutes} minutes before a session; got {lead}.");
        }
        NoStore(http);
        return Results.Json(await reminders.SetAsync(user, session, lead, TimeZone(zone), cancellationToken));
    }

    private static async Task<IResult> CancelReminderAsync(long id, TabUsers users, TabReminders reminders, HttpContext http, CancellationToken cancellationToken)
    {
        var user = await SignedInAsync(users, http);
        if (!await reminders.CancelAsync(user, id, cancellationToken))
        {
            // Someone else's reminders and missing ones look alike.
            throw new RequestRejectedException(StatusCodes.Status404NotFound, "No such reminder", $"You have no reminder {id}; it may have been cancelled already.");
        }
        return Results.NoContent();
    }

    private static async Task<TabUser> SignedInAsync(TabUsers users, HttpContext http) =>
        await users.ResolveAsync(http) ?? throw new RequestRejectedException(StatusCodes.Status401Unauthorized, "Sign-in needed",
            "Reminders are personal: open the Agenda tab in Teams, which signs you in.");

    private static IResult Asset(string path, AgendaTabSettings settings, HttpContext http)
    {
        var file = Assets.GetFileInfo(path);
        if (!file.Exists || file.IsDirectory || !ContentTypes.TryGetContentType(path, out var contentType))
        {
            throw new RequestRejectedException(StatusCodes.Status404NotFound, "Not found", $"The agenda tab has no file '{path}'.");
        }
        var headers = http.Response.Headers;
        // Teams shows the page in a frame; nothing else may, and the page loads nothing from elsewhere.
        headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
            + "frame-ancestors 'self' " + string.Join(' ', settings.FrameAncestors);
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-cache";
        return Results.Stream(file.CreateReadStream(), contentType, lastModified: file.LastModified);
    }

    private static void NoStore(HttpContext http) => http.Response.Headers.CacheControl = "private, no-store";

    // Teams gives the user's zone to the page; an unknown one is dropped rather than refused (times stay in the event's zone).
    private static string? TimeZone(string? zone) =>
        zone is { Length: > 0 and < 64 } && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _) ? zone : null;
}

/// <summary>
/// "My schedule" for a tab user: the Entra object id from the token is matched to the user's personal chat with the bot,
/// and from there everything goes through <see cref="DelegateReminders"/>, as if they had asked the bot in that chat.
/// </summary>
public sealed class TabReminders(DelegateReminders reminders, IConversationStore conversations, IKnowledgeSource knowledge)
{
    public int DefaultLead => reminders.DefaultLead;

    public async Task<MeView> MeAsync(TabUser user, string? zone, CancellationToken cancellationToken)
    {
        if (await ContextOfAsync(user, zone, cancellationToken) is not { } context)
        {
            return new MeView(true, user.Name, user.IsDeveloper, false, NoChat, DefaultLead, RemindersOptions.LeadChoices, []);
        }
        var snapshot = knowledge.Current;
        var upcoming = await reminders.UpcomingAsync(context, cancellationToken);
        return new MeView(true, user.Name ?? context.UserName, user.IsDeveloper, true, null, DefaultLead, RemindersOptions.LeadChoices,
            [.. upcoming.Select(r => AgendaViews.Reminder(snapshot, r.Reminder, r.Session, zone))]);
    }

    public async Task<ReminderOutcomeView> SetAsync(TabUser user, ScheduledSession session, int lead, string? zone, CancellationToken cancellationToken)
    {
        if (await ContextOfAsync(user, zone, cancellationToken) is not { } context)
        {
            return new ReminderOutcomeView("noPersonalChat", NoChat, null);
        }
        var result = await reminders.SetAsync(context, session, lead, cancellationToken);
        var view = result.Reminder is { } set ? AgendaViews.Reminder(knowledge.Current, set, session, zone) : null;
        return new ReminderOutcomeView(char.ToLowerInvariant(result.Outcome.ToString()[0]) + result.Outcome.ToString()[1..],
            reminders.Describe(result, context), view);
    }

    public async Task<bool> CancelAsync(TabUser user, long reminderId, CancellationToken cancellationToken) =>
        await ContextOfAsync(user, null, cancellationToken) is { } context && await reminders.CancelAsync(context, reminderId, cancellationToken) is not null;

    private const string NoChat = "GmgBot sends reminders in your chat with it, and you have not chatted yet: open GmgBot in Teams, say hi, then come back.";

    private async Task<QuestionContext?> ContextOfAsync(TabUser user, string? zone, CancellationToken cancellationToken) =>
        await conversations.FindPersonalChatAsync(user.TenantId, user.AadObjectId, cancellationToken) is { Snapshot: { UserId: { } userId } chat }
            ? new QuestionContext
            {
                UserId = userId,
                AadObjectId = user.AadObjectId,
                UserName = chat.UserName ?? user.Name,
                Locale = chat.Locale,
                UserTimeZone = zone,
                ConversationId = chat.ConversationId,
                IsGroup = false,
            }
            : null;
}
