namespace RhvDr.Core.Mapping;

/// <summary>
/// A value that must be kept (the role needs it, e.g. an iSCSI CHAP password) but never shown:
/// <see cref="ToString"/> is masked so records that hold it can be logged safely.
/// </summary>
public sealed class SecretValue : IEquatable<SecretValue>
{
    private readonly string _value;

    public SecretValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    public bool IsEmpty => _value.Length == 0;

    /// <summary>The clear text; call only where the value is handed to the engine or written to the mapping file.</summary>
    public string Reveal() => _value;

    public bool Equals(SecretValue? other) => other is not null && string.Equals(_value, other._value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as SecretValue);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_value);

    public override string ToString() => "***";
}
