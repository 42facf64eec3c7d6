using Microsoft.Extensions.Options;

namespace RhvDr.Core.Readiness;

/// <summary>Fails start-up on bad readiness settings, naming the key.</summary>
public sealed class ReadinessOptionsValidator : IValidateOptions<ReadinessOptions>
{
    private const string Section = ReadinessOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, ReadinessOptions options)
    {
        var failures = new List<string>();
        if (options.RpoTargetSeconds < 1)
        {
            failures.Add($"{Section}:RpoTargetSeconds '{options.RpoTargetSeconds}' must be at least 1, e.g. 900");
        }
        if (options.TestFailoverMaxAgeDays < 1)
        {
            failures.Add($"{Section}:TestFailoverMaxAgeDays '{options.TestFailoverMaxAgeDays}' must be at least 1, e.g. 90");
        }
        if (options.Interval < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{Section}:Interval '{options.Interval}' is shorter than 1 second; use e.g. 00:01:00");
        }
        if (options.MinEvaluationGap < TimeSpan.Zero)
        {
            failures.Add($"{Section}:MinEvaluationGap '{options.MinEvaluationGap}' must not be negative");
        }
        if (options.MappingInventoryMaxAge < TimeSpan.Zero)
        {
            failures.Add($"{Section}:MappingInventoryMaxAge '{options.MappingInventoryMaxAge}' must not be negative");
        }
        if (options.OvfUpdateInterval < TimeSpan.FromMinutes(1))
        {
            failures.Add($"{Section}:OvfUpdateInterval '{options.OvfUpdateInterval}' is shorter than 1 minute; use the engine's OvfUpdateIntervalInMinutes, e.g. 01:00:00 for 60");
        }
        if (options.CpuOvercommitRatio <= 0)
        {
            failures.Add($"{Section}:CpuOvercommitRatio '{options.CpuOvercommitRatio}' must be positive, e.g. 4");
        }
        if (options.UsableMemoryFraction is <= 0 or > 1)
        {
            failures.Add($"{Section}:UsableMemoryFraction '{options.UsableMemoryFraction}' must be above 0 and at most 1, e.g. 0.9");
        }
        if (options.RetentionDays < 91)
        {
            failures.Add($"{Section}:RetentionDays '{options.RetentionDays}' must be at least 91 (the trend shows 90 days)");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
