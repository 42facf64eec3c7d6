namespace RhvDr.Lab.Simulation;

/// <summary>
/// The least wall time any client could take for a failover of a recovery plan whose priority groups are barriers
/// (see <see cref="LabSimulation.PlanFailoverLowerBound"/>), in real seconds at the lab's time scale and API latency.
/// </summary>
/// <param name="GroupSeconds">Per priority group, in order, the least time from its first start to its last VM verified.</param>
public sealed record PlanFailoverLowerBound(
    double Seconds, string BindingConstraint, int Domains, int Starts, int Parallelism, double FirstDomainReadySeconds,
    double GroupChainSeconds, double RegistrationChainSeconds, double SpmChainSeconds, IReadOnlyList<double> GroupSeconds);
