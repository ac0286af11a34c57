using GmgBot.Core.Agenda;
using GmgBot.Core.Bot;
using GmgBot.Core.Cards;
using GmgBot.Core.Delivery;
using GmgBot.Core.Organizers;
using GmgBot.Core.Reminders;
using GmgBot.Host.Storage;
using GmgBot.Protocol.Connector;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GmgBot.Host.Delivery;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>
    /// Reminders, organizer broadcasts and the delivery engine: the commands and card buttons, the outbox and the
    /// stores on the bot's SQLite database, the engine as a hosted service, and agenda-change following.
    /// Needs the protocol (AddBotFramework), storage (AddSqliteStorage) and knowledge (AddKnowledge) services.
    /// </summary>
    public static IServiceCollection AddDelivery(this IServiceCollection services)
    {
        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RemindersOptions>().BindConfiguration(RemindersOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OrganizerOptions>().BindConfiguration(OrganizerOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OrganizerOptions>, OrganizerOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.AddSqliteMigration(SqliteOutbox.Migration);
        services.AddSqliteMigration(SqliteReminderStore.Migration);
        services.AddSqliteMigration(SqliteBroadcastStore.Migration);

        services.TryAddSingleton<DeliverySignal>();
        services.TryAddSingleton<SqliteOutbox>();
        services.TryAddSingleton<IOutbox>(sp => sp.GetRequiredService<SqliteOutbox>());
        services.TryAddSingleton<SqliteReminderStore>();
        services.TryAddSingleton<IReminderStore>(sp => sp.GetRequiredService<SqliteReminderStore>());
        services.TryAddSingleton<ISubscriptionDirectory>(sp => sp.GetRequiredService<SqliteReminderStore>());
        services.TryAddSingleton<SqliteBroadcastStore>();
        services.TryAddSingleton<IBroadcastStore>(sp => sp.GetRequiredService<SqliteBroadcastStore>());
        services.TryAddSingleton<IOrganizerSettings>(sp => sp.GetRequiredService<SqliteBroadcastStore>());

        services.TryAddSingleton<IOrganizers, ConfiguredOrganizers>();
        services.TryAddSingleton<RecipientDirectory>();
        services.TryAddSingleton<DeliveryRenderer>();
        services.TryAddSingleton<ReminderScheduler>();
        services.TryAddSingleton<DelegateReminders>();
        services.TryAddSingleton<BroadcastDesk>();

        services.TryAddSingleton<TeamsRateLimits>();
        services.TryAddSingleton<DeliverySender>();
        services.TryAddSingleton<BroadcastReporter>();
        services.TryAddSingleton<DeliveryEngine>();
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryEngine>());
        // No retry handler here: the engine retries through the outbox, under the rate limits (see DeliverySender).
        services.AddHttpClient(DeliverySender.HttpClientName)
            .ConfigureHttpClient((sp, client) => client.Timeout = sp.GetRequiredService<IOptions<DeliveryOptions>>().Value.SendTimeout)
            .AddHttpMessageHandler<BotTokenHandler>();

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAgendaChangeHandler, ReminderChangeHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISessionActionSource, RemindMeButton>());
        services.AddBotCommandHandler<RemindMeCommand>();
        services.AddBotCommandHandler<MyRemindersCommand>();
        services.AddBotCommandHandler<CancelReminderCommand>();
        services.AddBotCommandHandler<BroadcastCommand>();
        services.AddCardActionHandler<SetReminderAction>();
        services.AddCardActionHandler<CancelReminderAction>();
        services.AddCardActionHandler<PreviewBroadcastAction>();
        services.AddCardActionHandler<EditBroadcastAction>();
        services.AddCardActionHandler<SendBroadcastAction>();
        services.AddCardActionHandler<AutomaticRemindersAction>();
        services.AddCardActionHandler<ResendBroadcastAction>();
        services.AddCardActionHandler<RefreshReportAction>();
        return services;
    }
}
