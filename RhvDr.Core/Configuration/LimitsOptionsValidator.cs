using Microsoft.Extensions.Options;

namespace RhvDr.Core.Configuration;

/// <summary>Fails start-up on a limit that would refuse everything or nothing, naming the key and a sensible value.</summary>
public sealed class LimitsOptionsValidator : IValidateOptions<LimitsOptions>
{
    public ValidateOptionsResult Validate(string? name, LimitsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.MappingMaxBytes is < 1024 or > 256L * 1024 * 1024)
        {
            failures.Add($"{LimitsOptions.Setting(nameof(LimitsOptions.MappingMaxBytes))} '{options.MappingMaxBytes}' must be between 1024 and 268435456 bytes, e.g. 1048576 (1 MiB)");
        }
        if (options.RequestMaxBytes is < 1024 or > 256L * 1024 * 1024)
        {
            failures.Add($"{LimitsOptions.Setting(nameof(LimitsOptions.RequestMaxBytes))} '{options.RequestMaxBytes}' must be between 1024 and 268435456 bytes, e.g. 65536 (64 KiB)");
        }
        if (options.MappingMaxEntries is < 10 or > 1_000_000)
        {
            failures.Add($"{LimitsOptions.Setting(nameof(LimitsOptions.MappingMaxEntries))} '{options.MappingMaxEntries}' must be between 10 and 1000000, e.g. 10000");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
