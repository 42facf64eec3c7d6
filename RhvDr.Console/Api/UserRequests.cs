using RhvDr.Core.Security;

namespace RhvDr.Console.Api;

/// <summary>Body of <c>POST /api/users</c>.</summary>
public sealed record CreateUserRequest(string? Username, string? DisplayName, Role? Role, string? Password);

/// <summary>Body of <c>PUT /api/users/{name}</c>.</summary>
public sealed record UpdateUserRequest(Role? Role, bool? Disabled, string? DisplayName);

/// <summary>Body of <c>POST /api/users/{name}/password</c>: an administrator sets it; a user changing their own gives the current one.</summary>
public sealed record SetPasswordRequest(string? Password, string? CurrentPassword);

/// <summary>Body of <c>POST /api/tokens</c>.</summary>
public sealed record CreateTokenRequest(string? Name, Role? Role);

/// <summary>Body of <c>PUT /api/sites/{site}/credentials</c>.</summary>
public sealed record SetCredentialsRequest(string? Username, string? Password);
