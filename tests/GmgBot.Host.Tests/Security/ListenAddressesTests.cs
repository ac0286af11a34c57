using GmgBot.Host.Security;
using Microsoft.Extensions.Configuration;

namespace GmgBot.Host.Tests.Security;

/// <summary>Where the host will listen, worked out from the settings as Kestrel reads them, before anything binds.</summary>
public sealed class ListenAddressesTests
{
    private static ListenAddresses Read(params (string Key, string Value)[] settings) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value)).Build());

    public static TheoryData<string, string, bool, string> Settings => new()
    {
        // setting, value, loopback only?, the setting named for an exposed address
        { "urls", "http://127.0.0.1:3978", true, "" },
        { "urls", "http://localhost:5000;https://localhost:5001", true, "" },
        { "urls", "http://[::1]:3978", true, "" },
        { "urls", "http://127.0.0.2:3978", true, "" },
        { "urls", "http://unix:/tmp/gmgbot.sock", true, "" },
        { "urls", "http://0.0.0.0:8080", false, "urls" },
        { "urls", "http://*:8080", false, "urls" },
        { "urls", "http://+:80", false, "urls" },
        { "urls", "http://[::]:80", false, "urls" },
        { "urls", "http://gmgbot.example.org:80", false, "urls" },
        { "urls", "http://192.168.1.20:3978", false, "urls" },
        { "urls", "http://127.0.0.1:3978;http://0.0.0.0:3979", false, "urls" },
        { "http_ports", "8080", false, "http_ports" },
        { "https_ports", "8443", false, "https_ports" },
        { "Kestrel:Endpoints:Http:Url", "http://0.0.0.0:5000", false, "Kestrel:Endpoints:Http:Url" },
        { "Kestrel:Endpoints:Http:Url", "http://127.0.0.1:5000", true, "" },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void Each_way_of_setting_the_address_is_read(string key, string value, bool loopbackOnly, string namedSetting)
    {
        var addresses = Read((key, value));

        Assert.Equal(loopbackOnly, addresses.LoopbackOnly);
        Assert.Contains(namedSetting, addresses.DescribeExposed(), StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_set_means_the_bots_default_on_loopback()
    {
        var addresses = Read();

        Assert.Equal(ListenAddresses.DefaultUrl, Assert.Single(addresses.All).Url);
        Assert.Equal(new Uri(ListenAddresses.DefaultUrl + "/"), addresses.LocalBaseUrl);
    }

    [Fact]
    public void Kestrel_endpoints_win_over_urls_and_urls_over_ports_as_in_kestrel()
    {
        Assert.True(Read(("urls", "http://0.0.0.0:80"), ("Kestrel:Endpoints:Local:Url", "http://127.0.0.1:5000")).LoopbackOnly);
        Assert.True(Read(("http_ports", "8080"), ("urls", "http://127.0.0.1:3978")).LoopbackOnly);
        Assert.False(Read(("urls", "http://127.0.0.1:3978"), ("Kestrel:Endpoints:All:Url", "http://*:5000")).LoopbackOnly);
    }

    [Fact]
    public void Beyond_loopback_there_is_no_local_base_url_for_links()
    {
        Assert.Null(Read(("http_ports", "8080")).LocalBaseUrl);
        Assert.Equal(new Uri("http://localhost:5000/"), Read(("urls", "http://localhost:5000")).LocalBaseUrl);
    }
}
