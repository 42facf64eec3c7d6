using RhvDr.Lab;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Lab;

/// <summary>Tests that change the estate get a lab of their own (instant operations) and a client of its control API.</summary>
public abstract class OwnLabTests : IAsyncLifetime
{
    /// <summary>The primary's first iSCSI data domain in the generated estate.</summary>
    protected const string ScsiDomainId = "aa92cc71-1b88-4998-a755-970ef8a638ea";

    protected LabServer Lab { get; private set; } = null!;

    protected HttpClient Control { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Lab = await LabServer.StartAsync(LabFixture.InstantOptions());
        Control = Lab.CreateControlHttp();
    }

    public async Task DisposeAsync()
    {
        Control.Dispose();
        await Lab.DisposeAsync();
    }
}
