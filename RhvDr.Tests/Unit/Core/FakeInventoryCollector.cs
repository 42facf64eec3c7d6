using RhvDr.Core.Monitoring;
using RhvDr.Core.Sites;

namespace RhvDr.Tests.Core;

/// <summary>Answers each collection with the next scripted outcome: an inventory or an exception.</summary>
public sealed class FakeInventoryCollector : ISiteInventoryCollector
{
    private readonly Queue<Func<SiteInventory>> _outcomes = new();

    public void Returns(SiteInventory inventory) => _outcomes.Enqueue(() => inventory);

    public void Throws(Exception exception) => _outcomes.Enqueue(() => throw exception);

    public Task<SiteInventory> CollectAsync(string site, CancellationToken cancellationToken) =>
        Task.FromResult(_outcomes.Dequeue()());
}
