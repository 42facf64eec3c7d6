using RhvDr.Core.Notifications;

namespace RhvDr.Tests.Notifications;

public sealed class WebhookSignatureTests
{
    [Fact]
    public void Compute_Rfc4231TestCase2_IsTheKnownHmac()
    {
        var signature = WebhookSignature.Compute("Jefe", "what do ya want for nothing?"u8);

        Assert.Equal("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", signature);
    }
}
