using Microsoft.AspNetCore.Http;
using RhvDr.Lab.Resources;
using RhvDr.Lab.Simulation;

namespace RhvDr.Lab.Api;

/// <summary>The action routes (POST .../ACTION), adds and removals. Sync actions answer once done; async ones answer 202 pending.</summary>
public sealed partial class EngineApi
{
    private async Task<ApiResponse> PostAsync(string[] s, ResourceNode body, ActionOptions o, CancellationToken ct)
    {
        var corr = o.CorrelationId;
        switch (s)
        {
            case ["hosts", var id, var action]:
                return Action(action switch
                {
                    "fence" => await simulation.FenceHostAsync(engine, id, body.TextAt("fence_type") ?? "manual", corr, !o.Async, ct).ConfigureAwait(false),
                    "deactivate" => await simulation.SetHostMaintenanceAsync(engine, id, true, body.TextAt("reason"), corr, !o.Async, ct).ConfigureAwait(false),
                    "activate" => await simulation.SetHostMaintenanceAsync(engine, id, false, corr, !o.Async, ct).ConfigureAwait(false),
                    "iscsilogin" => await simulation.IscsiLoginAsync(engine, id, body.TextAt("iscsi", "address"), body.TextAt("iscsi", "target"), corr, ct).ConfigureAwait(false),
                    _ => throw UnknownAction(s),
                }, o.Async);

            case ["storagedomains"]:
                var added = await simulation.AddStorageDomainAsync(engine, body, corr, ct).ConfigureAwait(false);
                return Created(d => d.StorageDomain(added), $"{ApiPaths.Base}/storagedomains/{added.Id}");

            case ["storagedomains", var sd, "updateovfstore"]:
                return Action(await simulation.UpdateOvfStoreAsync(engine, sd, corr, !o.Async, ct).ConfigureAwait(false), o.Async);

            case ["storagedomains", var sd, "refreshluns"]:
                return Action(await simulation.RefreshLunsAsync(engine, sd, corr, !o.Async, ct).ConfigureAwait(false), o.Async);

            case ["storagedomains", var sd, "vms", var vm, "register"]:
                return Action(await simulation.RegisterVmAsync(engine, sd, vm, body, corr, !o.Async, ct).ConfigureAwait(false), o.Async);

            case ["storagedomains", var sd, "templates", var template, "register"]:
                return Action(await simulation.RegisterTemplateAsync(engine, sd, template, body, corr, !o.Async, ct).ConfigureAwait(false), o.Async);

            case ["datacenters", var dc, "storagedomains"]:
                var attached = await simulation.AttachStorageDomainAsync(engine, dc, body, corr, !o.Async, ct).ConfigureAwait(false);
                return Created(d => d.StorageDomain(attached, dc), $"{ApiPaths.Base}/datacenters/{dc}/storagedomains/{attached.Id}");

            case ["datacenters", var dc, "storagedomains", var sd, "activate"]:
                return Action(await simulation.ActivateStorageDomainAsync(engine, dc, sd, corr, !o.Async, ct).ConfigureAwait(false), o.Async);

            case ["datacenters", var dc, "storagedomains", var sd, "deactivate"]:
                return Action(await simulation.DeactivateStorageDomainAsync(engine, dc, sd, body.BoolAt("force") ?? false, corr, !o.Async, ct).ConfigureAwait(false), o.Async);

            case ["vms", var id, var action]:
                var hostRef = body.Child("host");
                return Action(action switch
                {
                    "start" => await simulation.StartVmAsync(engine, id, CloudInit(body), corr, !o.Async, ct).ConfigureAwait(false),
                    "shutdown" => await simulation.StopVmAsync(engine, id, true, corr, !o.Async, ct).ConfigureAwait(false),
                    "stop" => await simulation.StopVmAsync(engine, id, false, corr, !o.Async, ct).ConfigureAwait(false),
                    "migrate" => await simulation.MigrateVmAsync(engine, id, hostRef?.Id ?? hostRef?.TextAt("name"), corr, !o.Async, ct).ConfigureAwait(false),
                    _ => throw UnknownAction(s),
                }, o.Async);

            default:
                throw UnknownAction(s);
        }
    }

    private async Task<ApiResponse> DeleteAsync(string[] s, IQueryCollection query, ActionOptions o, CancellationToken ct)
    {
        switch (s)
        {
            case ["datacenters", var dc, "storagedomains", var sd]:
                await simulation.DetachStorageDomainAsync(engine, dc, sd, o.CorrelationId, !o.Async, ct).ConfigureAwait(false);
                return new ApiResponse(200, null);
            case ["storagedomains", var sd]:
                var host = query["host"].ToString();
                await simulation.RemoveStorageDomainAsync(engine, sd, host.Length == 0 ? null : host, IsTrue(query["destroy"]), IsTrue(query["format"]), o.CorrelationId, !o.Async, ct).ConfigureAwait(false);
                return new ApiResponse(200, null);
            default:
                throw new EngineFaultException(404, $"No removable resource at /ovirt-engine/api/{string.Join('/', s)}", "Not Found");
        }
    }

    private ApiResponse Created(Func<EngineRenderer, ResourceNode> render, string location)
    {
        return simulation.Read(engine.Site, e => new ApiResponse(201, render(new EngineRenderer(e)), location));
    }

    private static ApiResponse Action(SimJob job, bool async)
    {
        var node = ResourceNode.Element("action")
            .Add("async", async)
            .Add("status", async ? "pending" : "complete")
            .Add(ResourceNode.Element("job", $"{ApiPaths.Base}/jobs/{job.Id}", job.Id));
        return new ApiResponse(async ? 202 : 200, node);
    }

    private static EngineFaultException UnknownAction(string[] s) =>
        new(404, $"No action at /ovirt-engine/api/{string.Join('/', s)}", "Not Found");
}
