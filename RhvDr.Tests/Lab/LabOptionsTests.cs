using RhvDr.Lab;

namespace RhvDr.Tests.Lab;

public sealed class LabOptionsTests
{
    [Fact]
    public async Task StartAsync_ActiveActive_ThrowsNamingTheKey()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => LabServer.StartAsync(new LabOptions { Scenario = "active-active" }));

        Assert.Contains("Lab:Scenario", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NegativeTimeScale_ReportsError()
    {
        var errors = new LabOptions { TimeScale = -1 }.Validate();

        Assert.Contains(errors, e => e.StartsWith("Lab:TimeScale", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_Defaults_NoErrors()
    {
        Assert.Empty(new LabOptions().Validate());
    }
}
