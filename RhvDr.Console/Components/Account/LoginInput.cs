namespace RhvDr.Console.Components.Account;

/// <summary>The sign-in form's fields.</summary>
public sealed class LoginInput
{
    public string Username { get; set; } = "";

    public string Password { get; set; } = "";
}
