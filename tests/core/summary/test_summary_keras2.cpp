#include "core/summary/summary_keras2.hpp"

#include <catch2/catch.hpp>

#include "tests/core/summary/summary_fixtures.hpp"

using padlab::Keras2Era;
using padlab::summary_keras2;

// Goldens: Appendix A of keras-and-peers.md, byte for byte (rows keep their trailing spaces,
// padded to 65 columns). The long-field goldens were produced by a line-by-line replica of
// Keras's print_row (standalone 2.3.1 / tf.keras 2.12 / tf-keras 2.15) run in Python.

TEST_CASE("keras2 era A: the blog model with padding='valid' (A.1)", "[summary_keras2]") {
    const char* expected = R"TXT(Model: "sequential"
_________________________________________________________________
Layer (type)                 Output Shape              Param #   
=================================================================
conv2d (Conv2D)              (None, 26, 26, 32)        320       
_________________________________________________________________
conv2d_1 (Conv2D)            (None, 24, 24, 64)        18496     
_________________________________________________________________
conv2d_2 (Conv2D)            (None, 22, 22, 128)       73856     
_________________________________________________________________
flatten (Flatten)            (None, 61952)             0         
_________________________________________________________________
dense (Dense)                (None, 256)               15859968  
_________________________________________________________________
dense_1 (Dense)              (None, 10)                2570      
=================================================================
Total params: 15,955,210
Trainable params: 15,955,210
Non-trainable params: 0
_________________________________________________________________
)TXT";
    CHECK(summary_keras2(padlab::test::blog_model(false)) == expected);
    CHECK(summary_keras2(padlab::test::blog_model(false), Keras2Era::A) == expected);
}

TEST_CASE("keras2 era A: the blog model with padding='same' (A.2)", "[summary_keras2]") {
    const char* expected = R"TXT(Model: "sequential"
_________________________________________________________________
Layer (type)                 Output Shape              Param #   
=================================================================
conv2d (Conv2D)              (None, 28, 28, 32)        320       
_________________________________________________________________
conv2d_1 (Conv2D)            (None, 28, 28, 64)        18496     
_________________________________________________________________
conv2d_2 (Conv2D)            (None, 28, 28, 128)       73856     
_________________________________________________________________
flatten (Flatten)            (None, 100352)            0         
_________________________________________________________________
dense (Dense)                (None, 256)               25690368  
_________________________________________________________________
dense_1 (Dense)              (None, 10)                2570      
=================================================================
Total params: 25,785,610
Trainable params: 25,785,610
Non-trainable params: 0
_________________________________________________________________
)TXT";
    CHECK(summary_keras2(padlab::test::blog_model(true), Keras2Era::A) == expected);
}

TEST_CASE("keras2 era B: leading space and 65-space separators (A.3)", "[summary_keras2]") {
    const char* expected = R"TXT(Model: "sequential"
_________________________________________________________________
 Layer (type)                Output Shape              Param #   
=================================================================
 conv2d (Conv2D)             (None, 26, 26, 32)        320       
                                                                 
 conv2d_1 (Conv2D)           (None, 24, 24, 64)        18496     
                                                                 
 conv2d_2 (Conv2D)           (None, 22, 22, 128)       73856     
                                                                 
 flatten (Flatten)           (None, 61952)             0         
                                                                 
 dense (Dense)               (None, 256)               15859968  
                                                                 
 dense_1 (Dense)             (None, 10)                2570      
                                                                 
=================================================================
Total params: 15,955,210
Trainable params: 15,955,210
Non-trainable params: 0
_________________________________________________________________
)TXT";
    CHECK(summary_keras2(padlab::test::blog_model(false), Keras2Era::B) == expected);
}

TEST_CASE("keras2 era C: totals without separators, with memory (A.4)", "[summary_keras2]") {
    const char* expected = R"TXT(Model: "sequential"
_________________________________________________________________
 Layer (type)                Output Shape              Param #   
=================================================================
 conv2d (Conv2D)             (None, 26, 26, 32)        320       
                                                                 
 conv2d_1 (Conv2D)           (None, 24, 24, 64)        18496     
                                                                 
 conv2d_2 (Conv2D)           (None, 22, 22, 128)       73856     
                                                                 
 flatten (Flatten)           (None, 61952)             0         
                                                                 
 dense (Dense)               (None, 256)               15859968  
                                                                 
 dense_1 (Dense)             (None, 10)                2570      
                                                                 
=================================================================
Total params: 15955210 (60.86 MB)
Trainable params: 15955210 (60.86 MB)
Non-trainable params: 0 (0.00 Byte)
_________________________________________________________________
)TXT";
    CHECK(summary_keras2(padlab::test::blog_model(false), Keras2Era::C) == expected);
}

TEST_CASE("keras2 era A truncates long fields at the column positions", "[summary_keras2]") {
    // Python len() counts code points, so the CJK name is cut after 28 code points, not bytes.
    const char* expected = R"TXT(Model: "sequential"
_________________________________________________________________
Layer (type)                 Output Shape              Param #   
=================================================================
a_very_long_layer_name_that_ (None, 1024, 1024, 1024,  1234567890
_________________________________________________________________
conv3d (Conv3D)              (None, 12345, 12345, 1234 3584      
_________________________________________________________________
name with spaces and more wo (None, 10)                1234567   
_________________________________________________________________
層_レイヤー_名前 (BatchNormalizatio (None, 3)                 12        
=================================================================
Total params: 12,345,680,139,397
Trainable params: 12,345,680,139,391
Non-trainable params: 6
_________________________________________________________________
)TXT";
    CHECK(summary_keras2(padlab::test::long_fields_model(), Keras2Era::A) == expected);
}

TEST_CASE("keras2 era B wraps long fields, breaking after '),' when it can", "[summary_keras2]") {
    // Era B's first column may overflow by one char and push the row right, as in Keras.
    const char* expected = R"TXT(Model: "sequential"
_________________________________________________________________
 Layer (type)                Output Shape              Param #   
=================================================================
 a_very_long_layer_name_that  (None, 1024, 1024, 1024,  1234567890
 _goes_on_and_on (Conv3DTran   512)                    1234      
 spose)                                                          
                                                                 
 conv3d (Conv3D)             (None, 12345, 12345, 123  3584      
                             45, 128)                            
                                                                 
 name with spaces and more w  (None, 10)               1234567   
 ords here (Dense)                                               
                                                                 
 層_レイヤー_名前 (BatchNormalizati  (None, 3)                12        
 on)                                                             
                                                                 
=================================================================
Total params: 12,345,680,139,397
Trainable params: 12,345,680,139,391
Non-trainable params: 6
_________________________________________________________________
)TXT";
    CHECK(summary_keras2(padlab::test::long_fields_model(), Keras2Era::B) == expected);
}

TEST_CASE("keras2 era C wraps one column earlier and sizes memory up to TB", "[summary_keras2]") {
    const char* expected = R"TXT(Model: "sequential"
_________________________________________________________________
 Layer (type)                Output Shape              Param #   
=================================================================
 a_very_long_layer_name_tha  (None, 1024, 1024, 1024   1234567890
 t_goes_on_and_on (Conv3DTr  , 512)                    1234      
 anspose)                                                        
                                                                 
 conv3d (Conv3D)             (None, 12345, 12345, 12   3584      
                             345, 128)                           
                                                                 
 name with spaces and more   (None, 10)                1234567   
 words here (Dense)                                              
                                                                 
 層_レイヤー_名前 (BatchNormalizat  (None, 3)                 12        
 ion)                                                            
                                                                 
=================================================================
Total params: 12345680139397 (44.91 TB)
Trainable params: 12345680139391 (44.91 TB)
Non-trainable params: 6 (24.00 Byte)
_________________________________________________________________
)TXT";
    CHECK(summary_keras2(padlab::test::long_fields_model(), Keras2Era::C) == expected);
}

TEST_CASE("keras2 summary of a model without layers", "[summary_keras2]") {
    padlab::ModelSummary empty;
    empty.name = "sequential_1";
    // Era A's loop never prints the closing '=' rule when there is no row, like Keras's.
    CHECK(summary_keras2(empty, Keras2Era::A) ==
          "Model: \"sequential_1\"\n"
          "_________________________________________________________________\n"
          "Layer (type)                 Output Shape              Param #   \n"
          "=================================================================\n"
          "Total params: 0\n"
          "Trainable params: 0\n"
          "Non-trainable params: 0\n"
          "_________________________________________________________________\n");
    CHECK(summary_keras2(empty, Keras2Era::C) ==
          "Model: \"sequential_1\"\n"
          "_________________________________________________________________\n"
          " Layer (type)                Output Shape              Param #   \n"
          "=================================================================\n"
          "=================================================================\n"
          "Total params: 0 (0.00 Byte)\n"
          "Trainable params: 0 (0.00 Byte)\n"
          "Non-trainable params: 0 (0.00 Byte)\n"
          "_________________________________________________________________\n");
}

TEST_CASE("keras2 prints 1-D shapes as Python 1-tuples", "[summary_keras2]") {
    padlab::ModelSummary m;
    m.name = "sequential";
    m.layers = {padlab::test::make_layer("dense", "Dense", {padlab::kNone, 4}, {padlab::kNone}, 5)};
    m.total_params = m.trainable_params = 5;
    const std::string text = summary_keras2(m, Keras2Era::A);
    CHECK(text.find("dense (Dense)                (None,)                   5         \n") !=
          std::string::npos);
}
