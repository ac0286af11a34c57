using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace GmgBot.Core.Knowledge;

/// <summary>
/// Lets YamlDotNet fill the model's <see cref="IReadOnlyList{T}"/> properties, which it cannot construct itself:
/// the sequence is read as a <see cref="List{T}"/>.
/// </summary>
internal sealed class ReadOnlyListNodeDeserializer : INodeDeserializer
{
    public bool Deserialize(IParser reader, Type expectedType, Func<IParser, Type, object?> nestedObjectDeserializer, out object? value, ObjectDeserializer rootDeserializer)
    {
        if (expectedType.IsInterface && expectedType.IsGenericType
            && expectedType.GetGenericTypeDefinition() is var definition
            && (definition == typeof(IReadOnlyList<>) || definition == typeof(IReadOnlyCollection<>) || definition == typeof(IEnumerable<>)))
        {
            value = nestedObjectDeserializer(reader, typeof(List<>).MakeGenericType(expectedType.GetGenericArguments()));
            return true;
        }
        value = null;
        return false;
    }
}
