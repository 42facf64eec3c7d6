using Microsoft.AspNetCore.Http;
using RhvDr.Lab.Resources;
using RhvDr.Lab.Simulation;

namespace RhvDr.Lab.Api;

/// <summary>
/// The <c>follow</c> parameter, as the engine's link follower reads it: a comma-separated list of link paths, each a
/// dot-separated chain of attribute names (<c>disk_attachments.disk,nics,cluster</c>). Every entity of the answer gets
/// each named link inlined: a reference (<c>cluster</c>, <c>template</c>) becomes the full resource, a sub-collection
/// link (<c>rel="nics"</c>) gets its collection added beside it; then the rest of the path is followed on what was fetched.
/// </summary>
public sealed partial class EngineApi
{
    /// <summary>References the lab leaves out when they are empty (a down VM has no host); following them inlines nothing.</summary>
    private static readonly HashSet<string> OptionalReferences = new(StringComparer.Ordinal)
    {
        "host", "template", "original_template", "cluster", "data_center", "data_centers", "storage_domain", "vm",
        "lease", "instance_type", "cpu_profile", "quota", "disk_profile", "vnic_profile", "network", "placement_policy",
    };

    private void Follow(ResourceNode node, FollowTree tree, LabAccount account, EngineRenderer r)
    {
        if (node.Kind == ResourceNodeKind.List)
        {
            foreach (var entity in node.Children.ToArray())
            {
                Follow(entity, tree, account, r);
            }

            return;
        }

        foreach (var (segment, subtree) in tree.Branches)
        {
            if (FollowOne(node, segment, account, r) is { } fetched && subtree.Branches.Count > 0)
            {
                Follow(fetched, subtree, account, r);
            }
        }
    }

    private ResourceNode? FollowOne(ResourceNode entity, string segment, LabAccount account, EngineRenderer r)
    {
        // Already inlined by the renderer (disk_attachments with their disks, an affinity label's vms): follow on from there.
        var existing = entity.Child(segment);
        if (existing is not null && (existing.Kind == ResourceNodeKind.List || existing.Href is null || existing.Children.Count > 0))
        {
            return existing;
        }

        if (existing is not null)
        {
            var referenced = Resolve(existing.Href!, entity, segment, account, r).Renamed(segment);
            entity.Replace(existing, referenced);
            return referenced;
        }

        var rel = segment.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
        var link = entity.ChildrenNamed("link").FirstOrDefault(l => string.Equals(l.Rel, rel, StringComparison.Ordinal));
        if (link is not null)
        {
            var collection = Resolve(link.Href!, entity, segment, account, r);
            entity.Add(collection);
            return collection;
        }

        return OptionalReferences.Contains(segment)
            ? null
            : throw new EngineFaultException(400, $"Problem fetching '{segment}' from {entity.Name}: it has no such link", "Bad Request");
    }

    private ResourceNode Resolve(string href, ResourceNode entity, string segment, LabAccount account, EngineRenderer r)
    {
        var relative = href.StartsWith(ApiPaths.Base, StringComparison.Ordinal) ? href[ApiPaths.Base.Length..] : href;
        var segments = relative.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return GetNode(segments, QueryCollection.Empty, account, r)
            ?? throw new EngineFaultException(400, $"Problem following link: {href} ('{segment}' of {entity.Name})", "Bad Request");
    }

    /// <summary>The follow paths as a tree: <c>nics.vnic_profile,nics.network,cluster</c> is nics → {vnic_profile, network}, cluster.</summary>
    private sealed class FollowTree
    {
        public Dictionary<string, FollowTree> Branches { get; } = new(StringComparer.Ordinal);

        public static FollowTree Parse(string follow)
        {
            var root = new FollowTree();
            foreach (var path in follow.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var node = root;
                foreach (var segment in path.Split('.', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (!node.Branches.TryGetValue(segment, out var next))
                    {
                        next = new FollowTree();
                        node.Branches[segment] = next;
                    }

                    node = next;
                }
            }

            return root;
        }
    }
}
