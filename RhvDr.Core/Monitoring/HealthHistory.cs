using RhvDr.Core.Sites;

namespace RhvDr.Core.Monitoring;

/// <summary>
/// One site's recent health samples within a time window. Published snapshots carry at most <see cref="MaxPoints"/>,
/// each the worst of its time bucket, so a short outage still shows on a six-hour strip.
/// </summary>
public sealed class HealthHistory(TimeSpan window, int maxPoints = HealthHistory.DefaultMaxPoints)
{
    public const int DefaultMaxPoints = 360;

    private readonly List<HealthSample> _samples = [];
    private readonly Lock _gate = new();

    public int MaxPoints { get; } = maxPoints;

    public void Add(HealthSample sample)
    {
        lock (_gate)
        {
            _samples.Add(sample);
            Trim(sample.Time);
        }
    }

    public void AddRange(IEnumerable<HealthSample> samples)
    {
        lock (_gate)
        {
            _samples.AddRange(samples);
            _samples.Sort((a, b) => a.Time.CompareTo(b.Time));
            if (_samples.Count > 0)
            {
                Trim(_samples[^1].Time);
            }
        }
    }

    /// <summary>The samples of the window, downsampled to at most <see cref="MaxPoints"/>, oldest first; the newest is always kept.</summary>
    public IReadOnlyList<HealthSample> ToList()
    {
        lock (_gate)
        {
            if (_samples.Count <= MaxPoints)
            {
                return _samples.ToList();
            }
            var result = new List<HealthSample>(MaxPoints);
            var bucketSize = (double)_samples.Count / MaxPoints;
            for (var bucket = 0; bucket < MaxPoints; bucket++)
            {
                var start = (int)(bucket * bucketSize);
                var end = bucket == MaxPoints - 1 ? _samples.Count : (int)((bucket + 1) * bucketSize);
                // The last sample of the bucket, unless an earlier one was worse: outages must survive downsampling.
                var pick = _samples[end - 1];
                var scanEnd = bucket == MaxPoints - 1 ? start : end - 1;
                for (var i = start; i < scanEnd; i++)
                {
                    if (_samples[i].Level > pick.Level)
                    {
                        pick = _samples[i];
                    }
                }
                result.Add(pick);
            }
            return result;
        }
    }

    private void Trim(DateTimeOffset newest)
    {
        var cutoff = newest - window;
        var drop = _samples.FindIndex(s => s.Time >= cutoff);
        if (drop > 0)
        {
            _samples.RemoveRange(0, drop);
        }
        else if (drop < 0)
        {
            _samples.Clear();
        }
    }
}
