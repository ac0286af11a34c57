using GmgBot.Core.Knowledge;

namespace GmgBot.Core.Tests.Knowledge;

public sealed class ShippedKnowledgeTests
{
    [Fact]
    public async Task Shipped_knowledge_loads_and_validates_with_no_error()
    {
        var result = await new KnowledgeLoader().TryLoadAsync(KnowledgeFolder.Shipped);

        Assert.True(result.Errors.Count == 0, string.Join(Environment.NewLine, result.Errors));
        Assert.NotNull(result.Knowledge);
    }
}
