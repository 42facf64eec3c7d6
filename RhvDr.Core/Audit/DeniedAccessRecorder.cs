using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RhvDr.Core.Security;

namespace RhvDr.Core.Audit;

/// <summary>
/// Records refusals of the console's authorization policies as <c>denied</c> audit entries (<see cref="AuditActions.AccessDenied"/>),
/// at most <see cref="SecurityOptions.DeniedAuditPerMinute"/> per caller (user or token and address) and minute, so a flood of
/// refused requests cannot grow the database without bound. Further refusals in that minute are counted; when the minute is
/// over, one entry says how many were folded (written at the caller's next refusal or by <see cref="FlushAsync"/>, which
/// <see cref="DeniedAccessSweeper"/> calls).
/// </summary>
public sealed partial class DeniedAccessRecorder(IAuditTrail audit, TimeProvider time, IOptions<SecurityOptions> options, ILogger<DeniedAccessRecorder> logger)
{
    /// <summary>The span over which <see cref="SecurityOptions.DeniedAuditPerMinute"/> counts.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>How many distinct refused targets a folded entry names as examples.</summary>
    private const int MaxExamples = 5;

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Actor, string Source), CallerWindow> _callers = [];

    private int Limit => options.Value.DeniedAuditPerMinute;

    /// <summary>Records <paramref name="access"/>, or counts it when its caller reached the limit this minute. Never throws for a failed write: a refusal stays a refusal.</summary>
    public async Task RecordAsync(DeniedAccess access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        AuditEntry? folded = null;
        AuditEntry? entry = null;
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var key = (access.Actor, access.Source);
            if (!_callers.TryGetValue(key, out var window) || now >= window.Start + Window)
            {
                folded = window is { Folded: > 0 } ? Folded(access.Actor, access.Source, window) : null;
                window = new CallerWindow(now);
                _callers[key] = window;
            }
            if (window.Recorded < Limit)
            {
                window.Recorded++;
                var detail = window.Recorded == Limit
                    ? $"{access.Detail} (refusal {Limit} of this caller this minute, the last recorded one by one: further ones until {(window.Start + Window).UtcDateTime:HH:mm:ss} UTC are counted into one entry)"
                    : access.Detail;
                entry = new AuditEntry(access.Actor, access.Source, AuditActions.AccessDenied, access.What, AuditOutcomes.Denied, Detail: detail);
            }
            else
            {
                window.Fold(access.What);
            }
        }
        await AppendAsync(folded, cancellationToken).ConfigureAwait(false);
        await AppendAsync(entry, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the folded count of every caller whose minute is over, and forgets those callers.</summary>
    public Task FlushAsync(CancellationToken cancellationToken) => FlushAsync(all: false, cancellationToken);

    /// <summary>Writes every folded count, also of minutes not over yet (the console is stopping).</summary>
    public Task FlushAllAsync(CancellationToken cancellationToken) => FlushAsync(all: true, cancellationToken);

    private async Task FlushAsync(bool all, CancellationToken cancellationToken)
    {
        var due = new List<AuditEntry>();
        lock (_gate)
        {
            var now = time.GetUtcNow();
            foreach (var (key, window) in _callers.Where(c => all || now >= c.Value.Start + Window).ToList())
            {
                if (window.Folded > 0)
                {
                    due.Add(Folded(key.Actor, key.Source, window));
                }
                _callers.Remove(key);
            }
        }
        foreach (var entry in due)
        {
            await AppendAsync(entry, cancellationToken).ConfigureAwait(false);
        }
    }

    private static AuditEntry Folded(string actor, string source, CallerWindow window)
    {
        var count = window.Folded.ToString(CultureInfo.InvariantCulture);
        var detail = $"and {count} more denied requests folded: refused between {window.Start.UtcDateTime:yyyy-MM-dd HH:mm:ss} and "
            + $"{(window.Start + Window).UtcDateTime:HH:mm:ss} UTC after the first {window.Recorded} were recorded one by one; "
            + $"among them {string.Join(", ", window.Examples)} (RhvDr:Security:DeniedAuditPerMinute)";
        return new AuditEntry(actor, source, AuditActions.AccessDenied, $"{count} more denied requests", AuditOutcomes.Denied, Detail: detail);
    }

    private async Task AppendAsync(AuditEntry? entry, CancellationToken cancellationToken)
    {
        if (entry is null)
        {
            return;
        }
        try
        {
            await audit.AppendAsync(entry, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogAppendFailed(logger, ex, entry.Actor, entry.Source, entry.Target);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A refusal of {Actor} from {Source} ({What}) could not be written to the audit trail")]
    private static partial void LogAppendFailed(ILogger logger, Exception exception, string actor, string source, string what);

    private sealed class CallerWindow(DateTimeOffset start)
    {
        public DateTimeOffset Start { get; } = start;

        public int Recorded { get; set; }

        public int Folded { get; private set; }

        public List<string> Examples { get; } = [];

        public void Fold(string what)
        {
            Folded++;
            if (Examples.Count < MaxExamples && !Examples.Contains(what))
            {
                Examples.Add(what);
            }
        }
    }
}
