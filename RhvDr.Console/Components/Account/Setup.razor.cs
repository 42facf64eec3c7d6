using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using RhvDr.Console.Security;
using RhvDr.Core.Security;

namespace RhvDr.Console.Components.Account;

/// <summary>First set-up of an empty database: creates the first administrator, then never again.</summary>
public partial class Setup
{
    private string? _message;
    private bool _done;

    [CascadingParameter]
    public HttpContext HttpContext { get; set; } = default!;

    // Bound from the posted form under the prefix "Input"; null on a GET, so it is created in OnInitialized.
    [SupplyParameterFromForm]
    public SetupInput Input { get; set; } = default!;

    [Inject]
    public required UserService Users { get; init; }

    [Inject]
    public required IOptions<SecurityOptions> Security { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    private int MinLength => Security.Value.MinPasswordLength;

    protected override async Task OnInitializedAsync()
    {
        Input ??= new();
        _done = await Users.CountAsync(HttpContext.RequestAborted) > 0;
    }

    private async Task SetUpAsync()
    {
        if (_done)
        {
            return;
        }
        if (!string.Equals(Input.Password, Input.ConfirmPassword, StringComparison.Ordinal))
        {
            _message = "The two passwords differ; type the same password twice.";
            return;
        }
        var source = ConsoleClaims.SourceOf(HttpContext);
        try
        {
            var user = await Users.SetUpFirstAdministratorAsync(Input.Username, Input.Password, source, HttpContext.RequestAborted);
            await ConsoleClaims.SignInAsync(HttpContext, user, "password");
            Navigation.NavigateTo("/", forceLoad: true);
        }
        catch (SecurityException ex)
        {
            _message = ex.Message;
            _done = await Users.CountAsync(HttpContext.RequestAborted) > 0;
        }
    }
}
