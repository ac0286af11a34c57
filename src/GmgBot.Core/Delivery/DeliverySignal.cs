using System.Threading.Channels;

namespace GmgBot.Core.Delivery;

/// <summary>Wakes the delivery engine early when something was enqueued, so it never has to poll.</summary>
public sealed class DeliverySignal
{
    // One slot: any number of wakes before the engine looks collapse into one.
    private readonly Channel<bool> _wakes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Wake() => _wakes.Writer.TryWrite(true);

    public async Task WaitAsync(CancellationToken cancellationToken) => await _wakes.Reader.ReadAsync(cancellationToken);
}
