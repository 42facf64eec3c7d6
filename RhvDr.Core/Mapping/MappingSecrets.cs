namespace RhvDr.Core.Mapping;

/// <summary>
/// Secrets travel out of RhvDr only in the YAML export. A JSON client sees <see cref="Mask"/> instead, and sending the mask back
/// keeps the secret already stored for the same item (storage by primary name, LUN by primary id). In the database they are encrypted.
/// </summary>
public static class MappingSecrets
{
    public const string Mask = "***";

    public static DrMapping RestoreMasked(DrMapping incoming, DrMapping? current)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        return incoming with
        {
            ImportStorages = new(incoming.ImportStorages.Select(s =>
            {
                var old = current?.ImportStorages.FirstOrDefault(o => o.Primary.Name == s.Primary.Name);
                return s with
                {
                    Primary = s.Primary with { Password = Restore(s.Primary.Password, old?.Primary.Password) },
                    Secondary = s.Secondary with { Password = Restore(s.Secondary.Password, old?.Secondary.Password) },
                };
            })),
            Luns = new(incoming.Luns.Select(l =>
            {
                var old = current?.Luns.FirstOrDefault(o => string.Equals(o.Primary.LogicalUnitId, l.Primary.LogicalUnitId, StringComparison.OrdinalIgnoreCase));
                return l with
                {
                    Primary = l.Primary with { Password = Restore(l.Primary.Password, old?.Primary.Password) },
                    Secondary = l.Secondary with { Password = Restore(l.Secondary.Password, old?.Secondary.Password) },
                };
            })),
        };
    }

    /// <summary>The mapping with every non-empty secret replaced by <paramref name="map"/> of its clear text.</summary>
    public static DrMapping MapSecrets(DrMapping mapping, Func<string, string> map)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(map);
        SecretValue? Map(SecretValue? secret) => secret is null || secret.IsEmpty ? secret : new SecretValue(map(secret.Reveal()));
        return mapping with
        {
            ImportStorages = new(mapping.ImportStorages.Select(s => s with
            {
                Primary = s.Primary with { Password = Map(s.Primary.Password) },
                Secondary = s.Secondary with { Password = Map(s.Secondary.Password) },
            })),
            Luns = new(mapping.Luns.Select(l => l with
            {
                Primary = l.Primary with { Password = Map(l.Primary.Password) },
                Secondary = l.Secondary with { Password = Map(l.Secondary.Password) },
            })),
        };
    }

    private static SecretValue? Restore(SecretValue? incoming, SecretValue? stored) =>
        incoming is not null && incoming.Reveal() == Mask ? stored : incoming;
}
