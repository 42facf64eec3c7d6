using RhvDr.Lab;

namespace RhvDr.Tests.Lab;

/// <summary>A shared instant lab for tests that only read; tests that change state start their own.</summary>
public sealed class LabFixture : IAsyncLifetime
{
    public LabServer Lab { get; private set; } = null!;

    public static LabOptions InstantOptions(int vms = 120) => new() { TimeScale = 0, VmsPerSite = vms, AdminPassword = "lab-secret" };

    public async Task InitializeAsync() => Lab = await LabServer.StartAsync(InstantOptions());

    public async Task DisposeAsync() => await Lab.DisposeAsync();
}
