using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using RhvDr.Console.Security;
using RhvDr.Core.Security;

namespace RhvDr.Console.Components.Account;

/// <summary>Local sign-in (and the button to the identity provider when one is configured).</summary>
public partial class Login
{
    private string? _message;

    [CascadingParameter]
    public HttpContext HttpContext { get; set; } = default!;

    // Bound from the posted form under the prefix "Input"; null on a GET, so it is created in OnInitialized.
    [SupplyParameterFromForm]
    public LoginInput Input { get; set; } = default!;

    [SupplyParameterFromQuery]
    public string? ReturnUrl { get; set; }

    [SupplyParameterFromQuery(Name = "error")]
    public string? Error { get; set; }

    [Inject]
    public required UserService Users { get; init; }

    [Inject]
    public required IOptions<SecurityOptions> Security { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    protected override async Task OnInitializedAsync()
    {
        Input ??= new();
        _message = Error;
        if (HttpMethods.IsGet(HttpContext.Request.Method) && await Users.CountAsync(HttpContext.RequestAborted) == 0)
        {
            Navigation.NavigateTo("account/setup", forceLoad: true);
        }
    }

    private async Task SignInAsync()
    {
        var source = ConsoleClaims.SourceOf(HttpContext);
        var result = await Users.SignInAsync(Input.Username, Input.Password, source, HttpContext.RequestAborted);
        if (!result.Succeeded || result.User is not { } user)
        {
            _message = result.Message;
            return;
        }
        await ConsoleClaims.SignInAsync(HttpContext, user, "password");
        Navigation.NavigateTo(LocalReturnUrl.Of(ReturnUrl), forceLoad: true);
    }
}
