using Microsoft.Extensions.Options;
using RhvDr.Lab;

namespace RhvDr.Console.Hosting;

/// <summary>Fails start-up on a bad <c>Lab</c> section, naming each wrong key.</summary>
public sealed class LabOptionsValidator : IValidateOptions<LabOptions>
{
    public ValidateOptionsResult Validate(string? name, LabOptions options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
