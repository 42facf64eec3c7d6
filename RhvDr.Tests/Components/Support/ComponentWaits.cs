using System.Runtime.CompilerServices;
using Bunit;

namespace RhvDr.Tests.Support;

/// <summary>
/// Component tests wait for a condition, never for a fixed time. bUnit gives up after 1 s by default, which a live update
/// can take on two cores shared with the browser tests; the condition still decides, only the give-up point moves.
/// </summary>
internal static class ComponentWaits
{
    [ModuleInitializer]
    internal static void Initialize() => BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(10);
}
