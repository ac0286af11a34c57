using GmgBot.Core.Agenda;
using GmgBot.Core.Conversation;
using GmgBot.Core.Delivery;
using GmgBot.Core.Organizers;
using GmgBot.Host.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GmgBot.Host.Features;

public static class BroadcastsFeature
{
    /// <summary>
    /// Organizers' broadcasts: the composer ("broadcast"), preview, send, resend, the live delivery report, and automatic
    /// reminders before every session. Only the Entra object ids in <c>Organizers:ObjectIds</c> may use them. Needs
    /// storage, knowledge, delivery and reminders (whose timing automatic reminders follow).
    /// </summary>
    public static IServiceCollection AddBroadcasts(this IServiceCollection services)
    {
        services.AddOptions<OrganizerOptions>().BindConfiguration(OrganizerOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OrganizerOptions>, OrganizerOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton<IOrganizers, ConfiguredOrganizers>();
        services.TryAddSingleton<BroadcastStore>();
        services.TryAddSingleton<IBroadcastStore>(sp => sp.GetRequiredService<BroadcastStore>());
        services.TryAddSingleton<IOrganizerSettings>(sp => sp.GetRequiredService<BroadcastStore>());
        services.TryAddSingleton<ConversationNames>();
        services.TryAddSingleton<BroadcastDesk>();
        services.TryAddSingleton<AutomaticReminders>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDeliveryPlanner, AutomaticReminders>(sp => sp.GetRequiredService<AutomaticReminders>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAgendaChangeHandler, AutomaticReminders>(sp => sp.GetRequiredService<AutomaticReminders>()));

        services.AddBotCommandHandler<BroadcastCommand>();
        services.AddCardActionHandler<StartBroadcastAction>();
        services.AddCardActionHandler<PreviewBroadcastAction>();
        services.AddCardActionHandler<EditBroadcastAction>();
        services.AddCardActionHandler<SendBroadcastAction>();
        services.AddCardActionHandler<AutomaticRemindersAction>();
        services.AddCardActionHandler<ResendBroadcastAction>();
        services.AddCardActionHandler<RefreshReportAction>();
        services.AddDeliveryRenderer<DayScheduleRenderer>();
        services.AddDeliveryRenderer<BroadcastReportRenderer>();
        return services;
    }
}
