using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Utilities;
using RhvDr.Console.Components.Layout;
using RhvDr.Console.Components.Pages;
using RhvDr.Console.Model;
using RhvDr.Core.Ovirt;
using RhvDr.Core.Sites;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Components;

public class StatusColorTests : ConsoleTestContext
{
    public static TheoryData<string> Palettes => ["console light", "console dark", "wall dark"];

    private static Palette PaletteOf(string name) => name switch
    {
        "console light" => MainLayout.CreateTheme().PaletteLight,
        "console dark" => MainLayout.CreateTheme().PaletteDark,
        "wall dark" => WallLayout.CreateTheme().PaletteDark,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such palette"),
    };

    [Theory]
    [MemberData(nameof(Palettes))]
    public void Palette_EveryStatusChip_TextContrastAtLeastWcagAa(string palette)
    {
        var p = PaletteOf(palette);
        var chips = new (string Name, MudColor Fill, MudColor Text)[]
        {
            ("Success", p.Success, p.SuccessContrastText),
            ("Warning", p.Warning, p.WarningContrastText),
            ("Error", p.Error, p.ErrorContrastText),
            ("Info", p.Info, p.InfoContrastText),
        };

        Assert.All(chips, chip =>
        {
            var ratio = ContrastRatio(chip.Fill, chip.Text);
            Assert.True(ratio >= 4.5,
                $"{palette} {chip.Name}: {chip.Text.Value} on {chip.Fill.Value} is {ratio.ToString("0.00", CultureInfo.InvariantCulture)}:1, below 4.5:1.");
        });
    }

    [Fact]
    public void ContrastRatio_WhiteOnBlack_Is21AndWhiteOnMudDefaultAmberFails()
    {
        Assert.Equal(21.0, ContrastRatio(new MudColor("#000000"), new MudColor("#ffffff")), 2);
        Assert.True(ContrastRatio(new MudColor("#ff9800"), new MudColor("#ffffff")) < 4.5);
    }

    [Fact]
    public void VmStatus_Down_IsNeutralButUpIsGreen()
    {
        Assert.Equal(Color.Default, VmStatusPresentation.ColorFor("down", HealthRules.ForVm(VmStatus.Down)));
        Assert.Equal(Color.Success, VmStatusPresentation.ColorFor("up", HealthRules.ForVm(VmStatus.Up)));
        Assert.Equal(Color.Error, VmStatusPresentation.ColorFor("paused", HealthRules.ForVm(VmStatus.Paused)));
    }

    [Fact]
    public void Overview_SiteWithADownVm_DownCountChipIsNotGreen()
    {
        // The snapshot is live: the console's clock reads the time it was taken.
        Services.AddSingleton<TimeProvider>(new FixedTime(SiteSnapshotBuilder.Now));
        Store.Publish(SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary)
            .Host("host1").Domain("data_master", master: true).Vm("web01").Vm("batch01", "down").Build());

        var cut = Render<Overview>();

        var primary = cut.Find("[data-site='primary']");
        var down = primary.QuerySelector("[data-status='down'] .mud-chip")!;
        var up = primary.QuerySelector("[data-status='up'] .mud-chip")!;
        Assert.DoesNotContain("mud-chip-color-success", down.ClassName, StringComparison.Ordinal);
        Assert.True(up.ClassList.Contains("mud-chip-color-success"), up.ClassName);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>WCAG 2 contrast ratio: (L1 + 0.05) / (L2 + 0.05) of the relative luminances, lighter over darker.</summary>
    private static double ContrastRatio(MudColor a, MudColor b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    private static double Luminance(MudColor c) => 0.2126 * Channel(c.R) + 0.7152 * Channel(c.G) + 0.0722 * Channel(c.B);

    private static double Channel(byte value)
    {
        var s = value / 255.0;
        return s <= 0.04045 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4);
    }
}
