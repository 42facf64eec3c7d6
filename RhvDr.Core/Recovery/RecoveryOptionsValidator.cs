using Microsoft.Extensions.Options;
using RhvDr.Core.Replication;

namespace RhvDr.Core.Recovery;

/// <summary>Fails the start with the key that is wrong. <c>Replication</c> must name a registered adapter (<see cref="ReplicationAdapters"/>).</summary>
public sealed class RecoveryOptionsValidator(IEnumerable<ReplicationAdapterName> adapterNames) : IValidateOptions<RecoveryOptions>
{
    private readonly string[] _adapters = [.. adapterNames.Select(a => a.Name).Distinct(StringComparer.OrdinalIgnoreCase)];

    public ValidateOptionsResult Validate(string? name, RecoveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.Replication) && !_adapters.Contains(options.Replication, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add($"RhvDr:Recovery:Replication '{options.Replication}' is unknown; use {Choices()}.");
        }

        if (string.Equals(options.Replication, "command", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var operation in RhvDr.Core.Replication.ReplicationOperations.All.Where(o => !options.Commands.ContainsKey(o)))
            {
                errors.Add($"RhvDr:Recovery:Commands:{operation} is missing; Replication 'command' needs a command for every operation ({string.Join(", ", RhvDr.Core.Replication.ReplicationOperations.All)}).");
            }

            foreach (var (operation, command) in options.Commands)
            {
                if (string.IsNullOrWhiteSpace(command.FileName))
                {
                    errors.Add($"RhvDr:Recovery:Commands:{operation}:FileName must be set.");
                }

                if (command.Timeout <= TimeSpan.Zero)
                {
                    errors.Add($"RhvDr:Recovery:Commands:{operation}:Timeout must be positive.");
                }
            }
        }

        if (options.MaxParallelStarts is < 1 or > 500)
        {
            errors.Add("RhvDr:Recovery:MaxParallelStarts must be between 1 and 500.");
        }

        if (options.ShutdownTimeout < TimeSpan.Zero)
        {
            errors.Add("RhvDr:Recovery:ShutdownTimeout must not be negative.");
        }

        if (options.SanlockWait < TimeSpan.Zero)
        {
            errors.Add("RhvDr:Recovery:SanlockWait must not be negative.");
        }

        if (options.VmUpTimeout <= TimeSpan.Zero || options.StorageTimeout <= TimeSpan.Zero)
        {
            errors.Add("RhvDr:Recovery:VmUpTimeout and StorageTimeout must be positive.");
        }

        if (options.GuestAgentTimeout <= TimeSpan.Zero)
        {
            errors.Add("RhvDr:Recovery:GuestAgentTimeout must be positive (how long a plan run waits for a VM's guest agent, e.g. \"00:05:00\").");
        }

        if (options.PollInterval <= TimeSpan.Zero)
        {
            errors.Add("RhvDr:Recovery:PollInterval must be positive.");
        }

        if (options.OperationAttempts is < 1 or > 50)
        {
            errors.Add("RhvDr:Recovery:OperationAttempts must be between 1 and 50.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private string Choices() => _adapters.Length switch
    {
        0 => "none is registered",
        1 => _adapters[0],
        _ => string.Join(", ", _adapters[..^1]) + " or " + _adapters[^1],
    };
}
