using System.Data;
using System.Data.Common;

namespace GmgBot.Host.Storage;

/// <summary>Commands written once for both providers: named parameters (<c>@name</c>, which both understand), typed even when null.</summary>
internal static class DbCommands
{
    public static DbCommand Command(this DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    public static DbCommand With(this DbCommand command, string name, string? value) => command.With(name, DbType.String, value);

    public static DbCommand With(this DbCommand command, string name, long value) => command.With(name, DbType.Int64, value);

    public static DbCommand With(this DbCommand command, string name, long? value) => command.With(name, DbType.Int64, value);

    public static DbCommand With(this DbCommand command, string name, int value) => command.With(name, DbType.Int32, value);

    public static DbCommand With(this DbCommand command, string name, bool value) => command.With(name, DbType.Boolean, value);

    public static DbCommand With(this DbCommand command, string name, byte[] value) => command.With(name, DbType.Binary, value);

    /// <summary>A parameter to set again for each execution of a command run in a loop.</summary>
    public static DbParameter Parameter(this DbCommand command, string name, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        command.Parameters.Add(parameter);
        return parameter;
    }

    public static string? TextOrNull(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? Int64OrNull(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static object OrNull(this object? value) => value ?? DBNull.Value;

    /// <summary>Unix milliseconds: how both schemas store instants that are compared or ordered.</summary>
    public static long Ms(this DateTimeOffset instant) => instant.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromMs(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    private static DbCommand With(this DbCommand command, string name, DbType type, object? value)
    {
        command.Parameter(name, type).Value = value ?? DBNull.Value;
        return command;
    }
}
