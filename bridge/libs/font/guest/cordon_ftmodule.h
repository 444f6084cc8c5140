/*
 * cordon_ftmodule.h: the FreeType modules the font bridge builds (FreeType's own
 * `FT_CONFIG_MODULES_H` hook, in place of include/freetype/config/ftmodule.h, which lists
 * every module). Outline formats only: TrueType, OpenType/CFF, Type 1, CID; WOFF through sfnt
 * and the shared zlib. No bitmap-only formats (BDF, PCF, PFR, Windows FNT), no SVG, no SDF.
 */
FT_USE_MODULE( FT_Module_Class, autofit_module_class )
FT_USE_MODULE( FT_Driver_ClassRec, tt_driver_class )
FT_USE_MODULE( FT_Driver_ClassRec, t1_driver_class )
FT_USE_MODULE( FT_Driver_ClassRec, cff_driver_class )
FT_USE_MODULE( FT_Driver_ClassRec, t1cid_driver_class )
FT_USE_MODULE( FT_Module_Class, psaux_module_class )
FT_USE_MODULE( FT_Module_Class, psnames_module_class )
FT_USE_MODULE( FT_Module_Class, pshinter_module_class )
FT_USE_MODULE( FT_Module_Class, sfnt_module_class )
FT_USE_MODULE( FT_Renderer_Class, ft_smooth_renderer_class )

/* END */
