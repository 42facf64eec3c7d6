using Microsoft.AspNetCore.Components;
using RhvDr.Core.Security;

namespace RhvDr.Console.Components.Pages.Admin;

/// <summary>User accounts: add, change role, disable, unlock, set a password, delete. Every change goes through <see cref="UserService"/>, which audits it.</summary>
public partial class Users
{
    private IReadOnlyList<UserAccount> _users = [];
    private UserAccount? _selected;
    private Role _editRole;
    private bool _editDisabled;
    private string _newPassword = "";
    private string _name = "";
    private string? _display;
    private Role _role = Role.Viewer;
    private string _password = "";

    [Inject]
    public required UserService Service { get; init; }

    protected override async Task ReloadAsync()
    {
        _users = await Service.ListAsync(Stopping);
        _selected = _selected is null ? null : _users.FirstOrDefault(u => u.Id == _selected.Id);
    }

    private string StateOf(UserAccount user) =>
        user.Disabled ? "disabled" : user.IsLockedOut(Time.GetUtcNow()) ? $"locked until {user.LockoutEnd:HH:mm} UTC" : "active";

    private void Select(UserAccount user)
    {
        _selected = user;
        _editRole = user.Role;
        _editDisabled = user.Disabled;
        _newPassword = "";
    }

    private Task CreateAsync() => ActAsync(async (by, ct) =>
    {
        await Service.CreateAsync(by, _name, _display, _role, _password, ct);
        _name = "";
        _display = null;
        _password = "";
    }, $"Added {_name.Trim()} as {_role}.");

    private Task SaveAsync() => ActAsync((by, ct) => Service.UpdateAsync(by, _selected!.Username, _editRole, _editDisabled, _selected.DisplayName, ct), $"Saved {_selected?.Username}.");

    private Task UnlockAsync() => ActAsync((by, ct) => Service.UnlockAsync(by, _selected!.Username, ct), $"Unlocked {_selected?.Username}.");

    private Task SetPasswordAsync() => ActAsync(async (by, ct) =>
    {
        await Service.SetPasswordAsync(by, _selected!.Username, _newPassword, null, ct);
        _newPassword = "";
    }, $"Password of {_selected?.Username} set; their open sessions end.");

    private Task DeleteAsync() => ActAsync(async (by, ct) =>
    {
        await Service.DeleteAsync(by, _selected!.Username, ct);
        _selected = null;
    }, $"Deleted {_selected?.Username}.");
}
