using System.Data;
using Dapper;

namespace RhvDr.Core.Data;

/// <summary>Stores <see cref="DateTimeOffset"/> as UTC epoch milliseconds: sortable, compact, and free of SQLite's text date quirks.</summary>
public sealed class UnixMillisecondsDateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
{
    private static int s_registered;

    /// <summary>Registers the handler with Dapper once per process.</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref s_registered, 1) == 0)
        {
            SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
            SqlMapper.AddTypeHandler(new UnixMillisecondsDateTimeOffsetHandler());
        }
    }

    public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
    {
        parameter.DbType = DbType.Int64;
        parameter.Value = value.ToUnixTimeMilliseconds();
    }

    public override DateTimeOffset Parse(object value) => value switch
    {
        long milliseconds => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds),
        string text => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture),
        _ => DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)),
    };
}
