using Microsoft.Extensions.Options;

namespace RhvDr.Lab;

/// <summary>Lets a host validate the <c>Lab</c> section at start (<c>ValidateOnStart</c>), naming the wrong key.</summary>
public sealed class LabOptionsValidator : IValidateOptions<LabOptions>
{
    public ValidateOptionsResult Validate(string? name, LabOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
