using System.Buffers.Text;
using System.Text.Json;

namespace RhvDr.Core.Ovirt;

/// <summary>
/// Reads a list of VMs straight off the JSON reader: the fields <see cref="OvirtVm"/> holds, by hand, everything else
/// skipped. A full poll reads every VM of a site with its disks (about 3.4 KB of JSON a VM, 34 MB at 10,000 VMs), and the
/// serializer's per-object work cost several times what reading the tokens does. Only the forms engines write are taken
/// here: lower-case names, numbers and booleans as JSON values or as plain strings, epoch dates, collections as
/// <c>{"name": [...]}</c>. Anything else (another spelling, a number the serializer would reject, a broken answer) gives up,
/// and the caller reads the same list with the serializer, whose leniency and error words then apply unchanged.
/// </summary>
internal static class OvirtVmListReader
{
    private static readonly LenientBooleanConverter Booleans = new();
    private static readonly LenientDateTimeOffsetConverter Dates = new();

    private delegate T ItemReader<out T>(ref Utf8JsonReader reader, JsonSerializerOptions options);

    /// <summary>
    /// The VMs of the array the reader stands on, the reader then on its end. False, with the reader where it was, when the
    /// list holds something only the serializer reads.
    /// </summary>
    public static bool TryRead(ref Utf8JsonReader reader, JsonSerializerOptions options, out List<OvirtVm> vms)
    {
        var start = reader;
        try
        {
            vms = Array(ref reader, options, Vm);
            return true;
        }
        catch (Exception ex) when (ex is GiveUpException or JsonException or InvalidOperationException or FormatException or ArgumentException or NotSupportedException)
        {
            reader = start;
            vms = [];
            return false;
        }
    }

    private static OvirtVm Vm(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        Expect(reader.TokenType == JsonTokenType.StartObject);
        string? id = null, name = null, status = null, fqdn = null;
        OvirtRef? host = null, cluster = null, template = null;
        OvirtHighAvailability? highAvailability = null;
        OvirtVmLease? lease = null;
        bool? deleteProtected = null;
        long? memory = null;
        OvirtCpu? cpu = null;
        DateTimeOffset? startTime = null, creationTime = null;
        OvirtCollection<OvirtDiskAttachment>? diskAttachments = null;
        OvirtCollection<OvirtNic>? nics = null;
        OvirtOperatingSystem? os = null;
        OvirtInitialization? initialization = null;
        OvirtCollection<OvirtReportedDevice>? reportedDevices = null;
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            var property = Name(ref reader);
            Next(ref reader);
            if (property.SequenceEqual("id"u8))
            {
                id = String(ref reader);
            }
            else if (property.SequenceEqual("name"u8))
            {
                name = String(ref reader);
            }
            else if (property.SequenceEqual("status"u8))
            {
                status = String(ref reader);
            }
            else if (property.SequenceEqual("host"u8))
            {
                host = Ref(ref reader, options);
            }
            else if (property.SequenceEqual("cluster"u8))
            {
                cluster = Ref(ref reader, options);
            }
            else if (property.SequenceEqual("template"u8))
            {
                template = Ref(ref reader, options);
            }
            else if (property.SequenceEqual("high_availability"u8))
            {
                highAvailability = HighAvailability(ref reader, options);
            }
            else if (property.SequenceEqual("lease"u8))
            {
                lease = Lease(ref reader, options);
            }
            else if (property.SequenceEqual("delete_protected"u8))
            {
                deleteProtected = Boolean(ref reader, options);
            }
            else if (property.SequenceEqual("memory"u8))
            {
                memory = Int64(ref reader);
            }
            else if (property.SequenceEqual("cpu"u8))
            {
                cpu = Cpu(ref reader, options);
            }
            else if (property.SequenceEqual("start_time"u8))
            {
                startTime = Date(ref reader, options);
            }
            else if (property.SequenceEqual("creation_time"u8))
            {
                creationTime = Date(ref reader, options);
            }
            else if (property.SequenceEqual("disk_attachments"u8))
            {
                diskAttachments = Collection(ref reader, options, DiskAttachment);
            }
            else if (property.SequenceEqual("nics"u8))
            {
                // A poll reads every VM's NICs (their networks): read by hand like the disks.
                nics = Collection(ref reader, options, Nic);
            }
            else if (property.SequenceEqual("fqdn"u8))
            {
                fqdn = String(ref reader);
            }
            else if (property.SequenceEqual("os"u8))
            {
                os = JsonSerializer.Deserialize<OvirtOperatingSystem>(ref reader, options);
            }
            else if (property.SequenceEqual("initialization"u8))
            {
                // Re-IP reads these, on the VMs of one plan: rare and small next to a poll's disks.
                initialization = JsonSerializer.Deserialize<OvirtInitialization>(ref reader, options);
            }
            else if (property.SequenceEqual("reported_devices"u8))
            {
                reportedDevices = JsonSerializer.Deserialize<OvirtCollection<OvirtReportedDevice>>(ref reader, options);
            }
            else
            {
                Skip(ref reader);
            }
        }

        return new OvirtVm
        {
            Id = id,
            Name = name,
            Status = status,
            Host = host,
            Cluster = cluster,
            Template = template,
            HighAvailability = highAvailability,
            Lease = lease,
            DeleteProtected = deleteProtected,
            Memory = memory,
            Cpu = cpu,
            StartTime = startTime,
            CreationTime = creationTime,
            DiskAttachments = diskAttachments,
            Nics = nics,
            Os = os,
            Fqdn = fqdn,
            Initialization = initialization,
            ReportedDevices = reportedDevices,
        };
    }

    private static OvirtNic Nic(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        Expect(reader.TokenType == JsonTokenType.StartObject);
        string? id = null, name = null;
        OvirtRef? vnicProfile = null;
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            var property = Name(ref reader);
            Next(ref reader);
            if (property.SequenceEqual("id"u8))
            {
                id = String(ref reader);
            }
            else if (property.SequenceEqual("name"u8))
            {
                name = String(ref reader);
            }
            else if (property.SequenceEqual("vnic_profile"u8))
            {
                vnicProfile = Ref(ref reader, options);
            }
            else
            {
                Skip(ref reader);
            }
        }

        return new OvirtNic { Id = id, Name = name, VnicProfile = vnicProfile };
    }

    private static OvirtDiskAttachment DiskAttachment(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        Expect(reader.TokenType == JsonTokenType.StartObject);
        string? id = null, diskInterface = null;
        bool? active = null, bootable = null;
        OvirtDisk? disk = null;
        OvirtRef? vm = null;
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            var property = Name(ref reader);
            Next(ref reader);
            if (property.SequenceEqual("id"u8))
            {
                id = String(ref reader);
            }
            else if (property.SequenceEqual("active"u8))
            {
                active = Boolean(ref reader, options);
            }
            else if (property.SequenceEqual("bootable"u8))
            {
                bootable = Boolean(ref reader, options);
            }
            else if (property.SequenceEqual("interface"u8))
            {
                diskInterface = String(ref reader);
            }
            else if (property.SequenceEqual("disk"u8))
            {
                disk = Disk(ref reader, options);
            }
            else if (property.SequenceEqual("vm"u8))
            {
                vm = Ref(ref reader, options);
            }
            else
            {
                Skip(ref reader);
            }
        }

        return new OvirtDiskAttachment { Id = id, Active = active, Bootable = bootable, Interface = diskInterface, Disk = disk, Vm = vm };
    }

    private static OvirtDisk? Disk(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(reader.TokenType == JsonTokenType.StartObject);
        string? id = null, name = null, alias = null, status = null, storageType = null;
        long? provisionedSize = null, actualSize = null;
        OvirtCollection<OvirtRef>? storageDomains = null, vms = null;
        OvirtStorage? lunStorage = null;
        OvirtRef? vm = null;
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            var property = Name(ref reader);
            Next(ref reader);
            if (property.SequenceEqual("id"u8))
            {
                id = String(ref reader);
            }
            else if (property.SequenceEqual("name"u8))
            {
                name = String(ref reader);
            }
            else if (property.SequenceEqual("alias"u8))
            {
                alias = String(ref reader);
            }
            else if (property.SequenceEqual("status"u8))
            {
                status = String(ref reader);
            }
            else if (property.SequenceEqual("storage_type"u8))
            {
                storageType = String(ref reader);
            }
            else if (property.SequenceEqual("provisioned_size"u8))
            {
                provisionedSize = Int64(ref reader);
            }
            else if (property.SequenceEqual("actual_size"u8))
            {
                actualSize = Int64(ref reader);
            }
            else if (property.SequenceEqual("storage_domains"u8))
            {
                storageDomains = Collection(ref reader, options, RefItem);
            }
            else if (property.SequenceEqual("lun_storage"u8))
            {
                lunStorage = JsonSerializer.Deserialize<OvirtStorage>(ref reader, options);
            }
            else if (property.SequenceEqual("vm"u8))
            {
                vm = Ref(ref reader, options);
            }
            else if (property.SequenceEqual("vms"u8))
            {
                vms = Collection(ref reader, options, RefItem);
            }
            else
            {
                Skip(ref reader);
            }
        }

        return new OvirtDisk
        {
            Id = id,
            Name = name,
            Alias = alias,
            Status = status,
            StorageType = storageType,
            ProvisionedSize = provisionedSize,
            ActualSize = actualSize,
            StorageDomains = storageDomains,
            LunStorage = lunStorage,
            Vm = vm,
            Vms = vms,
        };
    }

    private static OvirtRef RefItem(ref Utf8JsonReader reader, JsonSerializerOptions options) =>
        Ref(ref reader, options) ?? throw new GiveUpException();

    private static OvirtRef? Ref(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(reader.TokenType == JsonTokenType.StartObject);
        string? id = null, name = null;
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            var property = Name(ref reader);
            Next(ref reader);
            if (property.SequenceEqual("id"u8))
            {
                id = String(ref reader);
            }
            else if (property.SequenceEqual("name"u8))
            {
                name = String(ref reader);
            }
            else
            {
                Skip(ref reader);
            }
        }

        return new OvirtRef { Id = id, Name = name };
    }

    private static OvirtHighAvailability? HighAvailability(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(reader.TokenType == JsonTokenType.StartObject);
        bool? enabled = null;
        int? priority = null;
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            var property = Name(ref reader);
            Next(ref reader);
            if (property.SequenceEqual("enabled"u8))
            {
                enabled = Boolean(ref reader, options);
            }
            else if (property.SequenceEqual("priority"u8))
            {
                priority = Int32(ref reader);
            }
            else
            {
                Skip(ref reader);
            }
        }

        return new OvirtHighAvailability { Enabled = enabled, Priority = priority };
    }

    private static OvirtVmLease? Lease(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(reader.TokenType == JsonTokenType.StartObject);
        OvirtRef? storageDomain = null;
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            var property = Name(ref reader);
            Next(ref reader);
            if (property.SequenceEqual("storage_domain"u8))
            {
                storageDomain = Ref(ref reader, options);
            }
            else
            {
                Skip(ref reader);
            }
        }

        return new OvirtVmLease { StorageDomain = storageDomain };
    }

    private static OvirtCpu? Cpu(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(reader.TokenType == JsonTokenType.StartObject);
        string? name = null;
        OvirtCpuTopology? topology = null;
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            var property = Name(ref reader);
            Next(ref reader);
            if (property.SequenceEqual("name"u8))
            {
                name = String(ref reader);
            }
            else if (property.SequenceEqual("topology"u8))
            {
                topology = Topology(ref reader);
            }
            else
            {
                Skip(ref reader);
            }
        }

        return new OvirtCpu { Name = name, Topology = topology };
    }

    private static OvirtCpuTopology? Topology(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(reader.TokenType == JsonTokenType.StartObject);
        int? sockets = null, cores = null, threads = null;
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            var property = Name(ref reader);
            Next(ref reader);
            if (property.SequenceEqual("sockets"u8))
            {
                sockets = Int32(ref reader);
            }
            else if (property.SequenceEqual("cores"u8))
            {
                cores = Int32(ref reader);
            }
            else if (property.SequenceEqual("threads"u8))
            {
                threads = Int32(ref reader);
            }
            else
            {
                Skip(ref reader);
            }
        }

        return new OvirtCpuTopology { Sockets = sockets, Cores = cores, Threads = threads };
    }

    /// <summary>What <see cref="OvirtCollectionConverter{T}"/> reads from <c>null</c>, a bare array or <c>{"name": [...]}</c>.</summary>
    private static OvirtCollection<T> Collection<T>(ref Utf8JsonReader reader, JsonSerializerOptions options, ItemReader<T> read)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return OvirtCollection<T>.Empty;
            case JsonTokenType.StartArray:
                return new OvirtCollection<T>(Array(ref reader, options, read));
            case JsonTokenType.StartObject:
                List<T>? items = null;
                string? firstKey = null;
                string? itemsKey = null;
                while (Next(ref reader) != JsonTokenType.EndObject)
                {
                    var key = Key(ref reader);
                    firstKey ??= key;
                    Next(ref reader);
                    if (reader.TokenType == JsonTokenType.StartArray && items is null)
                    {
                        itemsKey = key;
                        items = Array(ref reader, options, read);
                    }
                    else
                    {
                        // A single element written as an object is for the serializer.
                        Expect(reader.TokenType != JsonTokenType.StartObject || items is not null);
                        Skip(ref reader);
                    }
                }

                return new OvirtCollection<T>(items ?? [], itemsKey ?? firstKey);
            default:
                throw new GiveUpException();
        }
    }

    private static List<T> Array<T>(ref Utf8JsonReader reader, JsonSerializerOptions options, ItemReader<T> read)
    {
        Expect(reader.TokenType == JsonTokenType.StartArray);
        var items = new List<T>();
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            items.Add(read(ref reader, options));
        }

        return items;
    }

    /// <summary>A collection's key; the two every VM with disks carries are not allocated again for each.</summary>
    private static string? Key(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("disk_attachment"u8) ? "disk_attachment"
        : reader.ValueTextEquals("storage_domain"u8) ? "storage_domain"
        : reader.GetString();

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new GiveUpException();

    /// <summary>A property name as written, when the serializer would match it exactly the same: lower-case ASCII, not escaped.</summary>
    private static ReadOnlySpan<byte> Name(ref Utf8JsonReader reader)
    {
        Expect(reader.TokenType == JsonTokenType.PropertyName && !reader.ValueIsEscaped && !reader.HasValueSequence);
        var name = reader.ValueSpan;
        foreach (var b in name)
        {
            Expect(b is < (byte)'A' or > (byte)'Z' and < 0x80);
        }

        return name;
    }

    private static void Skip(ref Utf8JsonReader reader) => Expect(reader.TrySkip());

    private static string? String(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Null => null,
        _ => throw new GiveUpException(),
    };

    private static long? Int64(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number when reader.TryGetInt64(out var value):
                return value;
            case JsonTokenType.String:
                var text = PlainInteger(ref reader);
                return Utf8Parser.TryParse(text, out long parsed, out var used) && used == text.Length ? parsed : throw new GiveUpException();
            default:
                throw new GiveUpException();
        }
    }

    private static int? Int32(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number when reader.TryGetInt32(out var value):
                return value;
            case JsonTokenType.String:
                var text = PlainInteger(ref reader);
                return Utf8Parser.TryParse(text, out int parsed, out var used) && used == text.Length ? parsed : throw new GiveUpException();
            default:
                throw new GiveUpException();
        }
    }

    /// <summary>A quoted integer of digits with an optional minus: the form both this reader and the serializer take alike.</summary>
    private static ReadOnlySpan<byte> PlainInteger(ref Utf8JsonReader reader)
    {
        Expect(!reader.ValueIsEscaped && !reader.HasValueSequence);
        var text = reader.ValueSpan;
        Expect(text.Length is > 0 and <= 19);
        for (var i = 0; i < text.Length; i++)
        {
            Expect(text[i] is >= (byte)'0' and <= (byte)'9' || (i == 0 && text[i] == (byte)'-' && text.Length > 1));
        }

        return text;
    }

    private static bool? Boolean(ref Utf8JsonReader reader, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.String when reader.ValueTextEquals("true"u8) => true,
        JsonTokenType.String when reader.ValueTextEquals("false"u8) => false,
        _ => Booleans.Read(ref reader, typeof(bool), options),
    };

    private static DateTimeOffset? Date(ref Utf8JsonReader reader, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.Number when reader.TryGetInt64(out var milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds),
        _ => Dates.Read(ref reader, typeof(DateTimeOffset), options),
    };

    private static void Expect(bool condition)
    {
        if (!condition)
        {
            throw new GiveUpException();
        }
    }

    /// <summary>The list holds something only the serializer reads.</summary>
    private sealed class GiveUpException : Exception
    {
    }
}
