namespace RhvDr.Core.Recovery;

/// <summary>How runs behave, bound from <c>RhvDr:Recovery</c>.</summary>
public sealed class RecoveryOptions
{
    public const string SectionName = "RhvDr:Recovery";

    /// <summary><c>manual</c> (the run waits for the storage admin), <c>command</c>, or an adapter a module registers. Empty: a module's default (<see cref="IRecoveryDefaults"/>), else manual.</summary>
    public string? Replication { get; set; }

    /// <summary>Commands for <c>Replication: command</c>, keyed by operation (sync, failover, reverse, testcopy, removetestcopy).</summary>
    public Dictionary<string, ReplicationCommandOptions> Commands { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How many VMs are started (and registered, and replicated domains imported) at once; 1 does everything one at a time.</summary>
    public int MaxParallelStarts { get; set; } = 20;

    /// <summary>How long a graceful shutdown may take before the VM is powered off.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Disaster only: the wait for sanlock leases of the lost site to expire. Empty: a module's default (<see cref="IRecoveryDefaults"/>), else 80 s.</summary>
    public TimeSpan? SanlockWait { get; set; }

    /// <summary>Stop the run when a VM fails to register or start (otherwise it is reported and the rest continue).</summary>
    public bool AbortOnVmFailure { get; set; }

    /// <summary>How long a started VM may take to come up.</summary>
    public TimeSpan VmUpTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// In a plan's run: how long after "up" a VM's guest agent may take to report its addresses before the VM counts as up but
    /// unverified and the next priority group goes on. A VM with a probe is given its probe's <c>timeout_seconds</c> instead.
    /// </summary>
    public TimeSpan GuestAgentTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a storage domain may take to reach the state an operation leads to.</summary>
    public TimeSpan StorageTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often engine state is read while waiting for it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Attempts for one engine operation when the engine answers with a transient error (503, timeout, unreachable).</summary>
    public int OperationAttempts { get; set; } = 6;

    /// <summary>vNIC profile that test failovers attach every VM NIC to, so copies never meet production traffic.</summary>
    public string TestNetworkProfile { get; set; } = "dr_test_isolated";
}
