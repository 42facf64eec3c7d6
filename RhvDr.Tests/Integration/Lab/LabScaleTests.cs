using RhvDr.Lab;
using RhvDr.Lab.Simulation;

namespace RhvDr.Tests.Lab;

/// <summary>The lab at the scale of a large estate. How fast it generates and serves it is the benchmark's to measure.</summary>
public sealed class LabScaleTests
{
    [Fact]
    public void Generate_TenThousandVms_EveryVmWithUniqueIdAndName()
    {
        // Arrange
        var options = new LabOptions { TimeScale = 0, VmsPerSite = 10_000 };

        // Act
        using var simulation = new LabSimulation(options);

        // Assert
        var names = simulation.Read("primary", e => e.Vms.Values.Select(v => v.Name).ToList());
        Assert.Equal(10_000, names.Count);
        Assert.Equal(10_000, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task GetVms_TenThousandVms_ServesAllAndTheSameAnswerTwice()
    {
        // Arrange
        await using var lab = await LabServer.StartAsync(LabFixture.InstantOptions(10_000));
        using var primary = await LabTestClient.LoginAsync(lab, "primary");

        // Act: the second answer comes from the rendered-answer cache.
        var first = await primary.Http.GetStringAsync("vms");
        var second = await primary.Http.GetStringAsync("vms");

        // Assert
        using var document = System.Text.Json.JsonDocument.Parse(first);
        Assert.Equal(10_000, document.RootElement.GetProperty("vm").GetArrayLength());
        Assert.Equal(first, second);
    }

    [Fact]
    public void Generate_SameSeed_SameEstate()
    {
        using var a = new LabSimulation(new LabOptions { TimeScale = 0, Seed = 7 });
        using var b = new LabSimulation(new LabOptions { TimeScale = 0, Seed = 7 });

        Assert.Equal(a.Read("primary", e => e.Vms.Keys.ToList()), b.Read("primary", e => e.Vms.Keys.ToList()));
        Assert.Equal(a.Read("primary", e => e.Vms.Values.Select(v => v.Name).ToList()), b.Read("primary", e => e.Vms.Values.Select(v => v.Name).ToList()));
    }
}
