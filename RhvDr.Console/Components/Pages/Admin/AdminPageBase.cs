using Microsoft.AspNetCore.Components;
using MudBlazor;
using RhvDr.Console.Security;
using RhvDr.Core.Security;

namespace RhvDr.Console.Components.Pages.Admin;

/// <summary>What the administration pages share: the acting user, one action at a time, refusals said in a snackbar.</summary>
public abstract class AdminPageBase : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    [Inject]
    public required CurrentActor Actor { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    protected bool Busy { get; private set; }

    protected CancellationToken Stopping => _stopping.Token;

    protected async Task ActAsync(Func<Actor, CancellationToken, Task> action, string done)
    {
        if (Busy)
        {
            return;
        }
        Busy = true;
        try
        {
            await action(await Actor.GetAsync(), Stopping);
            if (!string.IsNullOrEmpty(done))
            {
                Snackbar.Add(done, Severity.Success);
            }
            await ReloadAsync();
        }
        catch (Exception ex) when (ex is SecurityException or AccessDeniedException)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        catch (OperationCanceledException) when (Stopping.IsCancellationRequested)
        {
        }
        finally
        {
            Busy = false;
        }
    }

    protected override Task OnInitializedAsync() => ReloadAsync();

    protected abstract Task ReloadAsync();

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }
}
