#:package SkiaSharp
#:package SkiaSharp.NativeAssets.Linux.NoDependencies
#:property PublishAot=false

// Draws GmgBot's Teams icons: a globe that speaks (a speech bubble whose body is a globe).
//   color.png   192x192, white symbol on the accent colour, opaque (Teams rounds the corners itself)
//   outline.png  32x32, white symbol on transparent: every visible pixel is pure white, only alpha varies
// Usage: dotnet run manifest/make-icons.cs -- [--out DIR] [--accent #RRGGBB]
// Versions of SkiaSharp come from Directory.Packages.props (central package management).
using SkiaSharp;

var outDir = Path.Combine(AppContext.GetData("EntryPointFileDirectoryPath") as string ?? ".", "icons");
var accent = "#1D4F91";
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--out" when i + 1 < args.Length: outDir = args[++i]; break;
        case "--accent" when i + 1 < args.Length: accent = args[++i]; break;
        default:
            Console.Error.WriteLine($"make-icons: unknown argument '{args[i]}'. Usage: dotnet run make-icons.cs -- [--out DIR] [--accent #RRGGBB]");
            return 1;
    }
}

if (!SKColor.TryParse(accent, out var background) || accent.Length != 7)
{
    Console.Error.WriteLine($"make-icons: --accent must be #RRGGBB, got '{accent}'.");
    return 1;
}

Directory.CreateDirectory(outDir);

// Microsoft's guidance: the colour icon's symbol sits in the central 96x96 of 192x192;
// the outline icon's symbol fills its 32x32 with no padding of its own.
WritePng(Path.Combine(outDir, "color.png"), Icon.Color(background, size: 192, symbolSize: 96));
WritePng(Path.Combine(outDir, "outline.png"), Icon.Outline(size: 32));
Console.WriteLine($"make-icons: wrote color.png (192x192) and outline.png (32x32) to {Path.GetFullPath(outDir)}");
return 0;

static void WritePng(string path, SKBitmap bitmap)
{
    using (bitmap)
    using (var data = bitmap.Encode(SKEncodedImageFormat.Png, 100))
    using (var file = File.Create(path))
    {
        data.SaveTo(file);
    }
}

static class Icon
{
    // The symbol is designed on a 32-unit grid; both icons scale the same shapes.
    private const float Grid = 32f;

    public static SKBitmap Color(SKColor background, int size, int symbolSize)
    {
        var bitmap = new SKBitmap(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(background);
        var offset = (size - symbolSize) / 2f;
        canvas.Translate(offset, offset);
        canvas.Scale(symbolSize / Grid);
        DrawSymbol(canvas, SKColors.White);
        return bitmap;
    }

    public static SKBitmap Outline(int size)
    {
        // Draw coverage only, then build the RGBA image from it, so that anti-aliased edges
        // stay pure white with partial alpha instead of blending towards grey.
        using var mask = new SKBitmap(new SKImageInfo(size, size, SKColorType.Alpha8, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(mask))
        {
            canvas.Clear(SKColors.Transparent);
            canvas.Scale(size / Grid);
            DrawSymbol(canvas, SKColors.White);
        }

        var bitmap = new SKBitmap(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var alpha = mask.GetPixel(x, y).Alpha;
                bitmap.SetPixel(x, y, alpha == 0 ? SKColors.Transparent : new SKColor(255, 255, 255, alpha));
            }
        }

        return bitmap;
    }

    private static void DrawSymbol(SKCanvas canvas, SKColor color)
    {
        using var stroke = new SKPaint
        {
            Color = color,
            IsAntialias = true,
            Style = SKPaintStyle.Stroke,
            StrokeWidth = 2.4f,
            StrokeJoin = SKStrokeJoin.Round,
            StrokeCap = SKStrokeCap.Round,
        };

        // Bubble: the globe's rim with a tail at the lower left.
        var centre = new SKPoint(17.5f, 14.5f);
        const float radius = 12.5f;
        using var rim = new SKPath();
        rim.AddCircle(centre.X, centre.Y, radius);
        using var tail = new SKPath();
        tail.MoveTo(6.5f, 19f);
        tail.LineTo(1.8f, 30.2f);
        tail.LineTo(13.5f, 25.8f);
        tail.Close();
        using var bubble = rim.Op(tail, SKPathOp.Union) ?? throw new InvalidOperationException("Skia could not join the bubble's outline.");
        canvas.DrawPath(bubble, stroke);

        // Globe lines, kept inside the rim.
        canvas.Save();
        using (var inside = new SKPath())
        {
            inside.AddCircle(centre.X, centre.Y, radius - 0.5f);
            canvas.ClipPath(inside, antialias: true);
        }

        stroke.StrokeWidth = 2f;
        canvas.DrawOval(new SKRect(centre.X - 5.2f, centre.Y - radius, centre.X + 5.2f, centre.Y + radius), stroke);
        canvas.DrawLine(centre.X - radius, centre.Y, centre.X + radius, centre.Y, stroke);
        canvas.Restore();
    }
}
