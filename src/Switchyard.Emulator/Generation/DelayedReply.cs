using Switchyard.Emulator.CloudCode;

namespace Switchyard.Emulator.Generation;

/// <summary>A reply written after a wait on the wall clock (a <c>delay</c> fault on a non-streaming call).</summary>
internal sealed record DelayedReply(EmulatorReply Inner, TimeSpan Delay, TimeProvider Wall) : EmulatorReply
{
    public override int Status => Inner.Status;

    public override async Task<(int Status, long Bytes)> WriteAsync(HttpContext http, CancellationToken cancellationToken)
    {
        await Task.Delay(Delay, Wall, cancellationToken);
        return await Inner.WriteAsync(http, cancellationToken);
    }
}
