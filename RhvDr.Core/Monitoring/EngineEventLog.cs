using System.Collections.Immutable;
using RhvDr.Core.Ovirt;

namespace RhvDr.Core.Monitoring;

/// <summary>
/// Hands the engine events the <see cref="EngineEventFollower"/> reads to whoever follows them live (the incident monitor),
/// so engines are read once. Handlers run on the follower's thread and must only queue work.
/// </summary>
public sealed class EngineEventLog
{
    private ImmutableArray<Action<string, IReadOnlyList<OvirtEvent>>> _handlers = [];

    public IDisposable Subscribe(Action<string, IReadOnlyList<OvirtEvent>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ImmutableInterlocked.Update(ref _handlers, h => h.Add(handler));
        return new Unsubscriber(() => ImmutableInterlocked.Update(ref _handlers, h => h.Remove(handler)));
    }

    /// <summary>Events newly read from <paramref name="site"/>'s engine, oldest first.</summary>
    public void Append(string site, IReadOnlyList<OvirtEvent> events)
    {
        if (events.Count == 0)
        {
            return;
        }
        foreach (var handler in _handlers)
        {
            handler(site, events);
        }
    }

    private sealed class Unsubscriber(Action unsubscribe) : IDisposable
    {
        private Action? _unsubscribe = unsubscribe;

        public void Dispose() => Interlocked.Exchange(ref _unsubscribe, null)?.Invoke();
    }
}
