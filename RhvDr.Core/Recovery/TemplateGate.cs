namespace RhvDr.Core.Recovery;

/// <summary>
/// Holds a VM's registration until the template it is based on is registered at the target, when that template comes
/// from one of the recovered domains. Domains become active one at a time, so a template may sit on a domain still waiting
/// for the SPM; once every domain's templates are listed, a template none of them holds no longer holds anything back
/// (the engine registers such a VM on the Blank template).
/// </summary>
public sealed class TemplateGate
{
    private readonly Lock _sync = new();
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);
    private readonly HashSet<string> _resolved;
    private readonly Dictionary<string, TaskCompletionSource> _waiting = new(StringComparer.Ordinal);
    private readonly int _domains;
    private int _listed;

    /// <param name="domains">How many domains will list their templates.</param>
    /// <param name="registered">Templates the target engine has already.</param>
    /// <param name="open">Nothing to wait for (the templates were registered in an earlier execution of the run).</param>
    public TemplateGate(int domains, IEnumerable<string> registered, bool open)
    {
        _domains = open ? 0 : domains;
        _resolved = new HashSet<string>(registered, StringComparer.Ordinal);
    }

    public Task WaitAsync(string? templateId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(templateId))
        {
            return Task.CompletedTask;
        }

        lock (_sync)
        {
            if (_resolved.Contains(templateId) || (_listed >= _domains && !_known.Contains(templateId)))
            {
                return Task.CompletedTask;
            }

            if (!_waiting.TryGetValue(templateId, out var waiter))
            {
                waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiting[templateId] = waiter;
            }

            return waiter.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>A domain's unregistered templates are known (their registration follows).</summary>
    public void Listed(IEnumerable<string> templateIds)
    {
        List<TaskCompletionSource> released = [];
        lock (_sync)
        {
            _known.UnionWith(templateIds);
            if (++_listed >= _domains)
            {
                foreach (var (id, waiter) in _waiting.Where(w => !_known.Contains(w.Key)).ToList())
                {
                    _waiting.Remove(id);
                    released.Add(waiter);
                }
            }
        }

        released.ForEach(w => w.TrySetResult());
    }

    /// <summary>A template was registered, or refused (its VMs then register without it, as before).</summary>
    public void Resolved(string templateId)
    {
        TaskCompletionSource? waiter;
        lock (_sync)
        {
            _resolved.Add(templateId);
            _waiting.Remove(templateId, out waiter);
        }

        waiter?.TrySetResult();
    }
}
