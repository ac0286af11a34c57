using GmgBot.Core.Agenda;
using GmgBot.Core.Conversation;
using GmgBot.Core.Delivery;
using GmgBot.Core.Reminders;
using GmgBot.Host.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GmgBot.Host.Features;

public static class RemindersFeature
{
    /// <summary>
    /// Delegates' reminders: "remind me about", "my reminders", "cancel", the Remind me button on session cards, the
    /// reminders themselves and the notices when a followed session changes. Needs storage, knowledge and delivery.
    /// </summary>
    public static IServiceCollection AddReminders(this IServiceCollection services)
    {
        services.AddOptions<RemindersOptions>().BindConfiguration(RemindersOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton<IReminderStore, ReminderStore>();
        services.TryAddSingleton<ISubscriptionDirectory, ReminderSubscriptions>();
        services.TryAddSingleton<ReminderScheduler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDeliveryPlanner, ReminderScheduler>(sp => sp.GetRequiredService<ReminderScheduler>()));
        services.TryAddSingleton<DelegateReminders>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAgendaChangeHandler, ReminderChangeHandler>());

        services.AddBotCommandHandler<RemindMeCommand>();
        services.AddBotCommandHandler<MyRemindersCommand>();
        services.AddBotCommandHandler<CancelReminderCommand>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISessionActionSource, RemindMeButton>());
        services.AddCardActionHandler<SetReminderAction>();
        services.AddCardActionHandler<CancelReminderAction>();
        services.AddCardActionHandler<MyRemindersAction>();
        services.AddDeliveryRenderer<SessionReminderRenderer>();
        services.AddDeliveryRenderer<SessionChangedRenderer>();
        services.AddDeliveryRenderer<SessionCardUpdateRenderer>();
        return services;
    }
}
