using RhvDr.Core.Ovirt;

namespace RhvDr.Tests.Ovirt;

/// <summary>Engine state words read as values and back, exactly as the engine's API spells them.</summary>
public sealed class EngineStatusWordsTests
{
    [Theory]
    [InlineData("up", VmStatus.Up)]
    [InlineData("powering_up", VmStatus.PoweringUp)]
    [InlineData("reboot_in_progress", VmStatus.RebootInProgress)]
    [InlineData("wait_for_launch", VmStatus.WaitForLaunch)]
    [InlineData("not_responding", VmStatus.NotResponding)]
    [InlineData("unknown", VmStatus.Unknown)]
    public void Parse_VmWords_TheirValues(string word, VmStatus expected) => Assert.Equal(expected, EngineStatusWords.Parse<VmStatus>(word));

    [Theory]
    [InlineData("preparing_for_maintenance", HostStatus.PreparingForMaintenance)]
    [InlineData("non_responsive", HostStatus.NonResponsive)]
    [InlineData("install_failed", HostStatus.InstallFailed)]
    [InlineData("installing_os", HostStatus.InstallingOs)]
    [InlineData("kdumping", HostStatus.Kdumping)]
    public void Parse_HostWords_TheirValues(string word, HostStatus expected) => Assert.Equal(expected, EngineStatusWords.Parse<HostStatus>(word));

    [Theory]
    [InlineData("active", StorageDomainStatus.Active)]
    [InlineData("unattached", StorageDomainStatus.Unattached)]
    [InlineData("preparing_for_maintenance", StorageDomainStatus.PreparingForMaintenance)]
    public void Parse_StorageDomainWords_TheirValues(string word, StorageDomainStatus expected) =>
        Assert.Equal(expected, EngineStatusWords.Parse<StorageDomainStatus>(word));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("hibernating")]
    [InlineData("PoweringUp")]
    public void Parse_NoWordOrOneTheEngineModelLacks_Unknown(string? word) => Assert.Equal(VmStatus.Unknown, EngineStatusWords.Parse<VmStatus>(word));

    [Fact]
    public void Parse_UpperCase_SameValue() => Assert.Equal(HostStatus.NonOperational, EngineStatusWords.Parse<HostStatus>("NON_OPERATIONAL"));

    [Fact]
    public void ParseOptional_NoWord_Null()
    {
        Assert.Null(EngineStatusWords.ParseOptional<VmStatus>(null));
        Assert.Equal(VmStatus.Down, EngineStatusWords.ParseOptional<VmStatus>("down"));
    }

    [Theory]
    [InlineData(VmStatus.PoweringDown, "powering_down")]
    [InlineData(VmStatus.ImageLocked, "image_locked")]
    [InlineData(VmStatus.Unknown, "unknown")]
    public void ToWord_VmValues_TheEnginesWords(VmStatus value, string expected) => Assert.Equal(expected, EngineStatusWords.ToWord(value));

    [Fact]
    public void ToWord_HostUnknown_Unknown() => Assert.Equal("unknown", EngineStatusWords.ToWord(HostStatus.Unknown));

    [Fact]
    public void EveryValue_RoundTripsThroughItsWord()
    {
        Assert.All(Enum.GetValues<VmStatus>(), v => Assert.Equal(v, EngineStatusWords.Parse<VmStatus>(EngineStatusWords.ToWord(v))));
        Assert.All(Enum.GetValues<HostStatus>(), v => Assert.Equal(v, EngineStatusWords.Parse<HostStatus>(EngineStatusWords.ToWord(v))));
        Assert.All(Enum.GetValues<StorageDomainStatus>(), v => Assert.Equal(v, EngineStatusWords.Parse<StorageDomainStatus>(EngineStatusWords.ToWord(v))));
    }

    [Fact]
    public void WireTypes_StatusValue_ReadThroughTheSameWords()
    {
        Assert.Equal(VmStatus.PoweringUp, new OvirtVm { Status = "powering_up" }.StatusValue);
        Assert.Equal(HostStatus.Maintenance, new OvirtHost { Status = "maintenance" }.StatusValue);
        Assert.Equal(StorageDomainStatus.Locked, new OvirtStorageDomain { Status = "locked" }.StatusValue);
        Assert.Null(new OvirtVm().StatusValue);
    }
}
