using Microsoft.Extensions.Time.Testing;
using RhvDr.Core.Mapping;

namespace RhvDr.Tests.Mapping;

public sealed class CachedMappingInventorySourceTests
{
    [Fact]
    public async Task ReadAsync_WithinMaxAge_ReadsTheEngineOncePerSite()
    {
        var inner = new CountingSource();
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var cached = new CachedMappingInventorySource(inner, TimeSpan.FromMinutes(1), time);

        await cached.ReadAsync("primary");
        await cached.ReadAsync("primary");
        await cached.ReadAsync("recovery");
        time.Advance(TimeSpan.FromMinutes(1));
        await cached.ReadAsync("primary");

        Assert.Equal(3, inner.Reads);
    }

    [Fact]
    public async Task ReadAsync_ReadFailed_NextCallReadsAgain()
    {
        var inner = new CountingSource { FailNext = true };
        var cached = new CachedMappingInventorySource(inner, TimeSpan.FromMinutes(1), new FakeTimeProvider(DateTimeOffset.UnixEpoch));

        await Assert.ThrowsAsync<InvalidOperationException>(() => cached.ReadAsync("primary"));
        await cached.ReadAsync("primary");

        Assert.Equal(2, inner.Reads);
    }

    private sealed class CountingSource : IMappingInventorySource
    {
        public int Reads { get; private set; }

        public bool FailNext { get; set; }

        public Task<MappingInventory> ReadAsync(string site, CancellationToken cancellationToken = default)
        {
            Reads++;
            if (FailNext)
            {
                FailNext = false;
                throw new InvalidOperationException("engine down");
            }
            return Task.FromResult(MappingInventory.Empty);
        }
    }
}
