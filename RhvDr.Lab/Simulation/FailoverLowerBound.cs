namespace RhvDr.Lab.Simulation;

/// <summary>
/// The least wall time any client could take for a disaster failover of the lab's estate under the lab engine's rules
/// (see <see cref="LabSimulation.FailoverLowerBound"/>), in real seconds at the lab's time scale and API latency.
/// </summary>
public sealed record FailoverLowerBound(
    double Seconds, string BindingConstraint, int Domains, int Templates, int Registrations, int Starts, int Parallelism,
    double SanlockSeconds, double DomainReadySeconds, double RegistrationBoundSeconds, double StartBoundSeconds);
