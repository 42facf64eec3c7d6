namespace RhvDr.Console.Components.Account;

/// <summary>The first administrator's fields.</summary>
public sealed class SetupInput
{
    public string Username { get; set; } = "";

    public string Password { get; set; } = "";

    public string ConfirmPassword { get; set; } = "";
}
