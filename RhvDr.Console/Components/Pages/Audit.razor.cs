using System.Data.Common;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging;
using RhvDr.Console.Model;
using RhvDr.Core.Audit;

namespace RhvDr.Console.Components.Pages;

/// <summary>The audit trail: filters and state in <see cref="AuditViewModel"/>, reads and verification through <see cref="IAuditTrail"/>.</summary>
public partial class Audit : IDisposable
{
    private static readonly int[] PageSizes = [50, 100, 250];

    private readonly AuditViewModel _viewModel = new();
    private readonly CancellationTokenSource _stopping = new();
    private bool _busy;
    private string? _error;

    [Inject]
    public required IAuditTrail Trail { get; init; }

    [Inject]
    public required ILogger<Audit> Logger { get; init; }

    /// <summary>The view model, for tests.</summary>
    public AuditViewModel ViewModel => _viewModel;

    protected override Task OnInitializedAsync() => SearchAsync();

    private Task SearchAsync() => RunAsync(async ct =>
    {
        if (_viewModel.FilterProblem is { } problem)
        {
            _error = problem;
            return;
        }
        _viewModel.Load(await Trail.QueryAsync(_viewModel.ToQuery(), ct));
    }, "Could not read the audit trail");

    private Task VerifyAsync() => RunAsync(async ct => _viewModel.SetVerification(await Trail.VerifyAsync(ct)), "Could not verify the audit trail");

    private async Task RunAsync(Func<CancellationToken, Task> action, string failure)
    {
        _busy = true;
        _error = null;
        try
        {
            await action(_stopping.Token);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // The page went away.
        }
        catch (DbException ex)
        {
            LogFailure(Logger, failure, ex);
            _error = $"{failure}: {ex.Message}";
        }
        finally
        {
            _busy = false;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Failure}")]
    private static partial void LogFailure(ILogger logger, string failure, Exception exception);

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }
}
