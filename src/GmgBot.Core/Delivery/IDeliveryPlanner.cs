using GmgBot.Core.Agenda;

namespace GmgBot.Core.Delivery;

/// <summary>
/// A feature that plans deliveries ahead from the agenda (delegates' reminders, the organizers' automatic reminders).
/// The delivery engine brings every planner in line with the agenda when it starts.
/// </summary>
public interface IDeliveryPlanner
{
    /// <summary>Replaces planned rows for an old start time; a row already sent for this start time is not added again.</summary>
    Task RescheduleAllAsync(Timeline timeline, CancellationToken cancellationToken);
}
