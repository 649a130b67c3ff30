using Switchyard.FrontDoors;

namespace Switchyard.Tests.FrontDoors;

public sealed class BodyBudgetTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AcquireAsync_WithinTheBudget_IsGrantedAtOnce()
    {
        var budget = new BodyBudget(100);

        using var lease = await budget.AcquireAsync(60, Ct);

        Assert.Equal(60, lease.Bytes);
        Assert.Equal(40, budget.Available);
    }

    [Fact]
    public async Task AcquireAsync_NotFree_WaitsUntilALeaseIsGivenBack()
    {
        var budget = new BodyBudget(100);
        var first = await budget.AcquireAsync(70, Ct);

        var second = budget.AcquireAsync(50, Ct);
        var waitedWhileHeld = !second.IsCompleted;
        first.Dispose();
        using var granted = await second;

        Assert.True(waitedWhileHeld);
        Assert.Equal(50, granted.Bytes);
        Assert.Equal(50, budget.Available);
    }

    [Fact]
    public async Task AcquireAsync_Waiters_AreServedInOrder_AndASmallOneCannotJumpTheLine()
    {
        var budget = new BodyBudget(100);
        var held = await budget.AcquireAsync(90, Ct);
        var big = budget.AcquireAsync(80, Ct);
        var small = budget.AcquireAsync(5, Ct);
        var smallBeforeRelease = small.IsCompleted;

        held.Dispose();
        using var bigLease = await big;
        using var smallLease = await small;

        Assert.False(smallBeforeRelease);
        Assert.Equal(15, budget.Available);
    }

    [Fact]
    public async Task AcquireAsync_LargerThanTheWholeBudget_TakesAllOfItAlone()
    {
        var budget = new BodyBudget(100);

        using var lease = await budget.AcquireAsync(1_000, Ct);

        Assert.Equal(100, lease.Bytes);
        Assert.Null(budget.TryAcquire(1));
    }

    [Fact]
    public async Task AcquireAsync_CancelledWhileWaiting_LetsTheNextWaiterThrough()
    {
        var budget = new BodyBudget(100);
        var held = await budget.AcquireAsync(100, Ct);
        using var leaving = new CancellationTokenSource();
        var cancelled = budget.AcquireAsync(60, leaving.Token);
        var next = budget.AcquireAsync(40, Ct);

        await leaving.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        held.Dispose();
        using var nextLease = await next;

        Assert.Equal(60, budget.Available);
    }

    [Fact]
    public void Grow_BeyondWhatIsFree_FailsWithoutWaiting_AndDisposeGivesBackAll()
    {
        var budget = new BodyBudget(100);
        var lease = budget.Start();

        var grew = lease.Grow(70);
        var grewPastTheBudget = lease.Grow(40);
        lease.Dispose();
        lease.Dispose();

        Assert.True(grew);
        Assert.False(grewPastTheBudget);
        Assert.Equal(100, budget.Available);
    }
}
