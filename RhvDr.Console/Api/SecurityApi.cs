using RhvDr.Console.Security;
using RhvDr.Core.Security;

namespace RhvDr.Console.Api;

/// <summary>Administration over HTTP: users (<c>/api/users</c>), API tokens (<c>/api/tokens</c>) and engine credentials.</summary>
public static class SecurityApi
{
    public static IEndpointRouteBuilder MapSecurityApi(this IEndpointRouteBuilder endpoints)
    {
        var users = endpoints.MapGroup("/api/users").WithTags("Users").RequireAuthorization(AuthorizationPolicies.Administrator);
        users.MapGet("/", async (UserService service, TimeProvider time, CancellationToken ct) =>
            TypedResults.Ok((await service.ListAsync(ct)).Select(u => UserDto.From(u, time.GetUtcNow()))));
        users.MapPost("/", (CreateUserRequest body, HttpContext http, UserService service, TimeProvider time, CancellationToken ct) => AnswerAsync(async () =>
        {
            var user = await service.CreateAsync(http.ActorOf(), body.Username ?? "", body.DisplayName, body.Role ?? Role.Viewer, body.Password ?? "", ct);
            return TypedResults.Created($"/api/users/{user.Username}", UserDto.From(user, time.GetUtcNow()));
        }));
        users.MapPut("/{name}", (string name, UpdateUserRequest body, HttpContext http, UserService service, TimeProvider time, CancellationToken ct) => AnswerAsync(async () =>
        {
            var current = await service.FindAsync(name, ct) ?? throw new SecurityException($"There is no user '{name}'.", notFound: true);
            var user = await service.UpdateAsync(http.ActorOf(), name, body.Role ?? current.Role, body.Disabled ?? current.Disabled, body.DisplayName ?? current.DisplayName, ct);
            return TypedResults.Ok(UserDto.From(user, time.GetUtcNow()));
        }));
        users.MapPost("/{name}/unlock", (string name, HttpContext http, UserService service, CancellationToken ct) => AnswerAsync(async () =>
        {
            await service.UnlockAsync(http.ActorOf(), name, ct);
            return TypedResults.NoContent();
        }));
        users.MapDelete("/{name}", (string name, HttpContext http, UserService service, CancellationToken ct) => AnswerAsync(async () =>
        {
            await service.DeleteAsync(http.ActorOf(), name, ct);
            return TypedResults.NoContent();
        }));

        // Anyone signed in may change their own password (with the current one); the service refuses others' unless Administrator.
        endpoints.MapPost("/api/users/{name}/password", (string name, SetPasswordRequest body, HttpContext http, UserService service, CancellationToken ct) => AnswerAsync(async () =>
        {
            await service.SetPasswordAsync(http.ActorOf(), name, body.Password ?? "", body.CurrentPassword, ct);
            return TypedResults.NoContent();
        })).WithTags("Users");

        var tokens = endpoints.MapGroup("/api/tokens").WithTags("Tokens").RequireAuthorization(AuthorizationPolicies.Administrator);
        tokens.MapGet("/", async (ApiTokenService service, CancellationToken ct) => TypedResults.Ok(await service.ListAsync(ct)));
        tokens.MapPost("/", (CreateTokenRequest body, HttpContext http, ApiTokenService service, CancellationToken ct) => AnswerAsync(async () =>
        {
            var created = await service.CreateAsync(http.ActorOf(), body.Name ?? "", body.Role ?? Role.Viewer, ct);
            // The only time the token is shown: the caller must keep it now.
            return TypedResults.Created($"/api/tokens/{created.Info.Id}", new { token = created.Token, info = created.Info });
        }));
        tokens.MapDelete("/{id:long}", (long id, HttpContext http, ApiTokenService service, CancellationToken ct) => AnswerAsync(async () =>
            TypedResults.Ok(await service.RevokeAsync(http.ActorOf(), id, ct))));

        var credentials = endpoints.MapGroup("/api/credentials").WithTags("Credentials").RequireAuthorization(AuthorizationPolicies.Administrator);
        credentials.MapGet("/", async (EngineCredentialService service, CancellationToken ct) => TypedResults.Ok(await service.ListAsync(ct)));
        credentials.MapPut("/{site}", (string site, SetCredentialsRequest body, HttpContext http, EngineCredentialService service, CancellationToken ct) => AnswerAsync(async () =>
            TypedResults.Ok(await service.SetAsync(http.ActorOf(), site, body.Username ?? "", body.Password ?? "", ct))));
        return endpoints;
    }

    private static async Task<IResult> AnswerAsync(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (SecurityException ex) when (ex.NotFound)
        {
            return TypedResults.Problem(title: "Unknown user", detail: ex.Message, statusCode: StatusCodes.Status404NotFound);
        }
        catch (SecurityException ex)
        {
            return TypedResults.Problem(title: "Request refused", detail: ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }
    }
}
